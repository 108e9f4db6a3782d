using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ComponentKeysTests
{
    private const string Text = Documents.Swagger2 + """
        paths:
          /cars:
            get:
              produces: [application/json]
              security: [{ 'garage key': [] }]
              responses:
                '200':
                  description: Cars
                  schema: { $ref: '#/definitions/Page[Car]' }
        securityDefinitions:
          'garage key': { type: apiKey, in: header, name: X-Garage }
        definitions:
          'Page[Car]':
            type: object
            properties:
              items: { type: array, items: { $ref: "#/definitions/'Car'" } }
          "'Car'": { type: object, required: [plate], properties: { plate: { type: string } } }
          Page_Car: { type: string }
        """;

    [TestCase("Page[Car]", "Page_Car")]
    [TestCase("'Car'", "Car")]
    [TestCase("Date Range", "Date_Range")]
    [TestCase("_private thing_", "_private_thing_")]
    [TestCase("[]", "component")]
    public void Characters_keys_do_not_allow_become_underscores(string name, string key) =>
        Assert.That(ComponentKeys.Sanitize(name), Is.EqualTo(key));

    [Test]
    public void Keys_are_renamed_and_refs_and_security_requirements_follow()
    {
        var document = RepairHarness.Load(Text);

        var operation = document.Operations.Single();
        var page = operation.Responses.Single().Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.Schemas.Keys, Is.EquivalentTo(new[] { "Page_Car_2", "Car", "Page_Car" }), "an existing key is not taken over");
            Assert.That(page.ComponentName, Is.EqualTo("Page_Car_2"));
            Assert.That(document.SchemaName("Page_Car_2"), Is.EqualTo("Page[Car]"));
            Assert.That(document.OriginalSchemaNames, Has.Count.EqualTo(2));
            Assert.That(document.Validator.Validate(page, """{"items":[{}]}""").IsValid, Is.False, "the item ref reaches 'Car' and its required plate");
            Assert.That(document.SecuritySchemes.Keys.Single(), Is.EqualTo("garage_key"));
            Assert.That(operation.Security.Single().Schemes.Keys.Single(), Is.EqualTo("garage_key"));
            Assert.That(document.Warnings.Of("component-key").Select(w => w.Location), Is.EquivalentTo(new[]
            {
                "/securityDefinitions/garage key", "/definitions/Page[Car]", "/definitions/'Car'",
            }));
        });
    }

    [Test]
    public void Without_the_repair_OpenAPI_NET_refuses_the_keys()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<ComponentKeys>(Text))!;

        Assert.That(error.Reason, Does.Contain("MUST match the regular expression"));
    }
}
