using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class BooleanStringsTests
{
    private const string Text = Documents.Swagger2 + """
        paths:
          /cars:
            get:
              produces: [application/json]
              parameters: [{ name: plate, in: query, type: string, required: 'true' }]
              responses:
                '200': { description: Cars, schema: { $ref: '#/definitions/Car' } }
        definitions:
          Car:
            type: object
            properties:
              vin: { type: string, readOnly: '1' }
              tags: { type: array, uniqueItems: 0, items: { type: string } }
              name: { type: string, readOnly: 'maybe' }
        """;

    [Test]
    public void Flags_written_as_strings_or_numbers_are_read_as_booleans()
    {
        var (root, warnings) = RepairHarness.Apply<BooleanStrings>(Text);

        var car = root["definitions"]!["Car"]!["properties"]!;
        Assert.Multiple(() =>
        {
            Assert.That(root["paths"]!["/cars"]!["get"]!["parameters"]![0]!["required"]!.GetValue<bool>(), Is.True);
            Assert.That(car["vin"]!["readOnly"]!.GetValue<bool>(), Is.True);
            Assert.That(car["tags"]!["uniqueItems"]!.GetValue<bool>(), Is.False);
            Assert.That(car["name"]!["readOnly"]!.GetValue<string>(), Is.EqualTo("maybe"), "what means neither is left for OpenAPI.NET to report");
            Assert.That(warnings.Select(w => w.Message), Has.Member("'required' is \"true\", not a boolean; read as true"));
            Assert.That(warnings, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void The_document_loads_with_the_flags_in_force()
    {
        var document = RepairHarness.Load(Text.Replace("readOnly: 'maybe'", "readOnly: 'no'", StringComparison.Ordinal));

        Assert.That(document.Operations.Single().Parameters.Single().Required, Is.True);
    }
}
