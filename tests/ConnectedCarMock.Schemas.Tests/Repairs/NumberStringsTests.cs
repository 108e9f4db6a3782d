namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class NumberStringsTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /cars:
            get:
              responses:
                '200': { description: Cars, content: { application/json: { schema: { type: string, maxLength: '8', minLength: ' 2 ' } } } }
        """;

    [Test]
    public void Number_keywords_written_as_numeric_strings_are_read_as_numbers()
    {
        var document = RepairHarness.Load(Text);

        var schema = document.Operations.Single().Responses.Single().Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.Validator.Validate(schema, "\"AB-123\"").IsValid, Is.True);
            Assert.That(document.Validator.Validate(schema, "\"AB-123-XYZ\"").IsValid, Is.False);
            Assert.That(document.Warnings.Of("number-string"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_number_keyword_that_is_no_number_is_refused_with_its_line()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.Load(Text.Replace("'8'", "'eight'", StringComparison.Ordinal)))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Location, Does.StartWith("line 7"));
            Assert.That(error.Reason, Is.EqualTo("'maxLength' is the string \"eight\": it must be a number"));
        });
    }
}
