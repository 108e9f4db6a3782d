using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class RefEncodingTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /cars:
            get:
              responses:
                '200':
                  description: Cars
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Car%2DSummary' }
        components:
          schemas:
            Car-Summary: { type: object, required: [plate], properties: { plate: { type: string } } }
        """;

    [Test]
    public void A_percent_encoded_ref_into_components_is_decoded()
    {
        var document = RepairHarness.Load(Text);

        var schema = document.Operations.Single().Responses.Single().Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(schema.ComponentName, Is.EqualTo("Car-Summary"));
            Assert.That(document.Validator.Validate(schema, "{}").IsValid, Is.False, "the component is what the response means");
            Assert.That(document.Warnings.Of("ref-encoding").Single().Message, Is.EqualTo("$ref '#/components/schemas/Car%2DSummary' is percent-encoded; read as '#/components/schemas/Car-Summary'"));
        });
    }

    [Test]
    public void Refs_outside_components_are_left_to_the_inlining_which_decodes_them()
    {
        var (_, warnings) = RepairHarness.Apply<RefEncoding>(Documents.Oas30 + """
            paths:
              /cars/{id}:
                parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              /trucks/{id}:
                parameters: [{ $ref: '#/paths/~1cars~1%7Bid%7D/parameters/0' }]
            """);

        Assert.That(warnings, Is.Empty);
    }
}
