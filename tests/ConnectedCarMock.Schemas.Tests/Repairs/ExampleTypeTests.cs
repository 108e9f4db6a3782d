using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ExampleTypeTests
{
    [Test]
    public void A_number_or_boolean_example_of_a_string_is_written_as_a_string()
    {
        var (root, warnings) = RepairHarness.Apply<ExampleType>(Documents.Oas30 + """
            paths: {}
            components:
              schemas:
                Code: { type: string, example: 0 }
                Flag: { type: string, example: true }
                Count: { type: integer, example: 3 }
            """);

        var schemas = root["components"]!["schemas"]!;
        Assert.Multiple(() =>
        {
            Assert.That(schemas["Code"]!["example"]!.GetValue<string>(), Is.EqualTo("0"));
            Assert.That(schemas["Flag"]!["example"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(schemas["Count"]!["example"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(warnings, Has.Count.EqualTo(2));
        });
    }
}
