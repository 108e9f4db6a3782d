using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ServerVariableDefaultsTests
{
    private const string Text = Documents.Oas30 + """
        servers:
          - url: 'https://{region}.garage.example:{port}/api{base}'
            variables:
              region: { enum: [eu, us] }
              port: { default: 8443 }
              base: { description: no default at all }
        paths:
          /cars:
            get:
              responses:
                '200': { description: Cars }
        """;

    [Test]
    public void Missing_defaults_become_the_first_enum_value_or_empty_and_numbers_their_text()
    {
        var document = RepairHarness.Load(Text);

        Assert.Multiple(() =>
        {
            Assert.That(document.BasePath, Is.EqualTo("/api"));
            Assert.That(document.Warnings.Of("server-variable-default").Select(w => w.Message), Is.EqualTo(new[]
            {
                "server variable 'region' has no default (required); used \"eu\"",
                "server variable 'port' has a default that is not a string; read as \"8443\"",
                "server variable 'base' has no default (required); used \"\"",
            }));
        });
    }

    [Test]
    public void An_empty_default_is_a_default_and_is_not_reported()
    {
        var document = RepairHarness.Load(Documents.Oas30 + """
            servers:
              - url: 'https://garage.example/{base}'
                variables:
                  base: { default: '' }
            paths:
              /cars:
                get:
                  responses:
                    '200': { description: Cars }
            """);

        Assert.That(document.Warnings, Is.Empty);
    }

    [Test]
    public void Without_the_repairs_OpenAPI_NET_refuses_the_document()
    {
        var rules = new RepairRuleSet(RepairRuleSet.Default.Rules.Where(r => r is not ServerVariableDefaults and not ServerUrls));

        Assert.Throws<SpecLoadException>(() => SpecLoader.Load(System.Text.Encoding.UTF8.GetBytes(Text), "test.yaml", null, rules));
    }
}
