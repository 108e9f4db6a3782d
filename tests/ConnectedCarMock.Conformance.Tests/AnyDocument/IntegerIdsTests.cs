using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// Items whose id property is an integer (clickmeter's groups): the list shows the ids the item path answers, as
/// numbers, and the runner discovers them.
/// </summary>
public class IntegerIdsTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: groups, version: '1' }
        paths:
          /groups:
            get:
              operationId: list-groups
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { entities: { type: array, items: { $ref: '#/components/schemas/group' } } } }
          /groups/{id}:
            get:
              operationId: get-group
              parameters: [{ name: id, in: path, required: true, schema: { type: integer, format: int64 } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/group' } } } }
                '404': { description: none }
        components:
          schemas:
            group:
              type: object
              properties:
                id: { type: integer, format: int64 }
                name: { type: string }
        """;

    [Test]
    public async Task Every_listed_integer_id_names_an_item_that_answers_200()
    {
        var document = SpecLoader.Parse(Document, "groups.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });
        using var http = new HttpClient();

        var ids = JsonNode.Parse(await http.GetStringAsync(mock.ApiUrl + "/groups"))!["entities"]!.AsArray().Select(item => item!["id"]!).ToList();

        Assert.That(ids, Is.Not.Empty);
        foreach (var id in ids)
        {
            Assert.That(id.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
            using var answer = await http.GetAsync($"{mock.ApiUrl}/groups/{id.ToJsonString()}");
            Assert.That((int)answer.StatusCode, Is.EqualTo(200), id.ToJsonString());
            Assert.That(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["id"]!.ToJsonString(), Is.EqualTo(id.ToJsonString()));
        }
    }

    [Test]
    public async Task The_runner_discovers_integer_ids_and_passes_the_mock()
    {
        var document = SpecLoader.Parse(Document, "groups.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions { Target = mock.ApiUrl, Document = document, TokenUrl = mock.BaseUrl + "/oauth/token" });

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.NotRun, Is.Zero, string.Join("; ", report.Cases.Where(c => c.CouldNotRun).Select(c => c.Message).Distinct()));
            Assert.That(report.Cases.Single(c => c.OperationId == "get-group" && c.CheckId == "status.success").Outcome, Is.EqualTo(CaseOutcome.Passed));
        });
    }
}
