using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class DuplicateKeysTests
{
    [TestCase("yaml")]
    [TestCase("json")]
    public void The_last_value_of_a_key_written_twice_is_kept_and_its_line_reported(string syntax)
    {
        var text = syntax == "yaml"
            ? Documents.Oas30 + "paths:\n  /a:\n    get:\n      summary: first\n      summary: second\n      responses:\n        '200': { description: OK }\n"
            : "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Garage\", \"version\": \"1\"},\n \"paths\": {\"/a\": {\"get\": {\"summary\": \"first\",\n \"summary\": \"second\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}";

        var document = RepairHarness.Load(text);

        Assert.Multiple(() =>
        {
            Assert.That(document.Operations.Single().Summary, Is.EqualTo("second"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("duplicate-key"));
            Assert.That(document.Warnings.Single().Location, Is.EqualTo(syntax == "yaml" ? "line 7" : "line 3"));
            Assert.That(document.Warnings.Single().Message, Is.EqualTo("duplicate key 'summary' in /paths/~1a/get; kept the last value"));
        });
    }

    [Test]
    public void Without_the_repair_a_duplicate_key_is_refused_with_its_line()
    {
        var text = Documents.Oas30 + "paths:\n  /a:\n    get:\n      summary: first\n      summary: second\n      responses:\n        '200': { description: OK }\n";

        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<DuplicateKeys>(text))!;

        Assert.That(error.Message, Is.EqualTo("test.yaml:line 7: duplicate key 'summary' in /paths/~1a/get"));
    }
}
