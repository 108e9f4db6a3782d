using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ScopesFromCommentsTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /trips:
            get:
              security:
                - oauth:
                    - data:trip #Required
                    - data:position
              responses:
                '200': { description: OK }
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: { 'data:trip': trips, 'data:position': positions } } }
        """;

    [Test]
    public void A_Required_comment_marks_the_required_scope_and_the_others_become_optional()
    {
        var (root, warnings) = RepairHarness.Apply<ScopesFromComments>(Text);

        Assert.Multiple(() =>
        {
            Assert.That(root["paths"]!["/trips"]!["get"]!["x-scopes"]!.ToJsonString(), Is.EqualTo("""{"required":["data:trip"],"optional":["data:position"]}"""));
            Assert.That(warnings.Single().Code, Is.EqualTo("scopes-from-comments"));
        });
    }

    [Test]
    public void Without_the_repair_every_listed_scope_is_required()
    {
        var operation = RepairHarness.LoadWithout<ScopesFromComments>(Text).Operations.Single();

        Assert.That(operation.RequiredScopes, Is.EqualTo(new[] { "data:trip", "data:position" }));
    }
}
