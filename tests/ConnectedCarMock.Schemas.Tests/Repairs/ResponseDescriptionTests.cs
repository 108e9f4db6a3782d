using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class ResponseDescriptionTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /cars:
            get:
              responses:
                '200': { content: { application/json: { schema: { type: object } } } }
                default: { content: { application/json: { schema: { type: object } } } }
        """;

    [Test]
    public void Responses_without_their_required_description_get_one()
    {
        var document = RepairHarness.Load(Text);

        Assert.Multiple(() =>
        {
            Assert.That(document.Operations.Single().Responses.Select(r => r.Description), Is.EqualTo(new[] { "HTTP 200", "Error" }));
            Assert.That(document.Warnings.Of("response-description").Select(w => w.Location), Is.EqualTo(new[] { "/paths/~1cars/get/responses/200", "/paths/~1cars/get/responses/default" }));
        });
    }

    [Test]
    public void Without_the_repair_OpenAPI_NET_refuses_the_responses()
    {
        Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<ResponseDescription>(Text));
    }
}
