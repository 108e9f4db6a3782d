using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class TypeListTests
{
    private const string Text = Documents.Swagger2 + """
        paths:
          /containers:
            post:
              consumes: [application/json]
              produces: [application/json]
              parameters: [{ name: body, in: body, schema: { $ref: '#/definitions/Config' } }]
              responses:
                '201': { description: Created }
        definitions:
          Config:
            type: object
            properties:
              Cmd: { type: [array, string], items: { type: string } }
              Name: { type: [string] }
        """;

    [Test]
    public void A_type_list_reaches_the_model_as_written_and_a_one_entry_list_as_its_entry()
    {
        var document = RepairHarness.Load(Text);

        var config = document.Schemas["Config"];
        var cmd = config.At("properties", "Cmd").Json.GetProperty("type");
        Assert.Multiple(() =>
        {
            Assert.That(cmd.EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "array", "string" }));
            Assert.That(config.At("properties", "Name").Json.GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(config.Json.ToString(), Does.Not.Contain("x-ccmock"), "the carrier extension is gone");
            Assert.That(document.Validator.Validate(config, """{"Cmd":"ls -l"}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(config, """{"Cmd":["ls","-l"]}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(config, """{"Cmd":7}""").IsValid, Is.False);
            Assert.That(document.Warnings.Of("type-list"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Without_the_repair_the_Swagger_2_reader_refuses_the_list()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<TypeList>(Text))!;

        Assert.That(error.Reason, Does.Contain("Expected scalar value"));
    }

    [Test]
    public void A_type_list_of_something_else_than_names_is_refused_with_its_place()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.Load(Text.Replace("[array, string]", "[array, 4]", StringComparison.Ordinal)))!;

        Assert.That(error.Location, Does.Contain("/definitions/Config/properties/Cmd/type"));
    }
}
