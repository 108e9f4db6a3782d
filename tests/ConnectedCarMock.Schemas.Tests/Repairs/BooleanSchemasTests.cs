using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class BooleanSchemasTests
{
    private const string Text = Documents.Oas31 + """
        paths:
          /connections:
            get:
              responses:
                '200': { description: A connection, content: { application/json: { schema: { $ref: '#/components/schemas/Connection' } } } }
        components:
          schemas:
            Connection:
              type: object
              additionalProperties: true
              properties:
                id: { type: string }
                additionalProperties: false
                anything: true
              anyOf: [true, { required: [id] }]
        """;

    [Test]
    public void Boolean_subschemas_become_their_object_equivalents()
    {
        var document = RepairHarness.Load(Text);

        var connection = document.Schemas["Connection"];
        Assert.Multiple(() =>
        {
            Assert.That(document.Validator.Validate(connection, """{"id":"c1","anything":[1]}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(connection, """{"id":"c1","additionalProperties":1}""").IsValid, Is.False, "false admits no value");
            Assert.That(document.Warnings.Of("boolean-schema").Select(w => w.Location), Is.EquivalentTo(new[]
            {
                "/components/schemas/Connection/properties/additionalProperties",
                "/components/schemas/Connection/properties/anything",
                "/components/schemas/Connection/anyOf/0",
            }));
        });
    }

    [Test]
    public void Without_the_repair_the_schema_is_refused_instead_of_crashing_a_reader()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<BooleanSchemas>(Text))!;

        Assert.That(error.Reason, Does.Contain("a schema (an object) belongs here"));
    }
}
