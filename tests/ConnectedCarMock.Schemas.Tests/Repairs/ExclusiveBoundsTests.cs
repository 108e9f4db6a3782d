using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ExclusiveBoundsTests
{
    private const string Speed = """
        paths: {}
        components:
          schemas:
            Speed: { type: number, minimum: 0, exclusiveMinimum: true, maximum: 300, exclusiveMaximum: false }
        """;

    [Test]
    public void Boolean_bounds_in_an_OpenAPI_3_1_document_are_written_in_3_1_form()
    {
        var (root, warnings) = RepairHarness.Apply<ExclusiveBounds>(Documents.Oas31 + Speed);

        Assert.Multiple(() =>
        {
            Assert.That(root["components"]!["schemas"]!["Speed"]!.ToJsonString(), Is.EqualTo("""{"type":"number","maximum":300,"exclusiveMinimum":0}"""));
            Assert.That(warnings, Has.Count.EqualTo(2));
        });
    }

    [TestCase(Documents.Oas30)]
    [TestCase(Documents.Swagger2)]
    public void Boolean_bounds_are_the_standard_form_of_older_versions_and_are_left_alone(string opening)
    {
        var (_, warnings) = RepairHarness.Apply<ExclusiveBounds>(opening + Speed);

        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void A_Swagger_2_boolean_bound_reaches_the_model_as_the_exclusive_bound_it_is()
    {
        var document = RepairHarness.Load(Documents.Swagger2 + """
            paths:
              /speed:
                get:
                  produces: [application/json]
                  responses:
                    '200': { description: Speed, schema: { $ref: '#/definitions/Speed' } }
            definitions:
              Speed: { type: number, minimum: 0, exclusiveMinimum: true }
            """);

        var speed = document.Schemas["Speed"];
        Assert.Multiple(() =>
        {
            Assert.That(document.Validator.Validate(speed, "0").IsValid, Is.False);
            Assert.That(document.Validator.Validate(speed, "0.5").IsValid, Is.True);
            Assert.That(document.Warnings, Is.Empty);
        });
    }
}
