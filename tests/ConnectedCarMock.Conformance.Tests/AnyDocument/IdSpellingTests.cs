using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// Ids whose property is spelled otherwise than the path parameter (twilio's <c>sid</c> for <c>{Sid}</c>), and items
/// named by an enum whose list shows other things (traccar's report types): the mock and the runner agree on them.
/// </summary>
public class IdSpellingTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: sims, version: '1' }
        paths:
          /v1/Sims:
            get:
              operationId: list-sims
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { sims: { type: array, items: { $ref: '#/components/schemas/sim' } } } }
          /v1/Sims/{Sid}:
            get:
              operationId: get-sim
              parameters: [{ name: Sid, in: path, required: true, schema: { type: string, pattern: '^DE[0-9a-f]{32}$' } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/sim' } } } }
                '404': { description: none }
          /reports/route:
            get:
              operationId: list-positions
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/position' } } } } }
          /reports/route/{type}:
            get:
              operationId: get-route-report
              parameters: [{ name: type, in: path, required: true, schema: { type: string, enum: [xlsx, mail] } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/position' } } } } }
        components:
          schemas:
            sim: { type: object, properties: { sid: { type: string, pattern: '^DE[0-9a-f]{32}$' }, status: { type: string } } }
            position: { type: object, properties: { id: { type: integer }, latitude: { type: number } } }
        """;

    [Test]
    public async Task The_list_shows_each_sim_under_the_sid_its_item_path_answers()
    {
        var document = SpecLoader.Parse(Document, "sims.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });
        using var http = new HttpClient();

        var sids = JsonNode.Parse(await http.GetStringAsync(mock.ApiUrl + "/v1/Sims"))!["sims"]!.AsArray().Select(item => item!["sid"]!.GetValue<string>()).ToList();

        Assert.That(sids, Is.Not.Empty);
        foreach (var sid in sids)
        {
            using var answer = await http.GetAsync($"{mock.ApiUrl}/v1/Sims/{sid}");
            Assert.That((int)answer.StatusCode, Is.EqualTo(200), sid);
        }
    }

    [Test]
    public async Task The_runner_finds_both_kinds_of_id_and_passes_the_mock()
    {
        var document = SpecLoader.Parse(Document, "sims.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions { Target = mock.ApiUrl, Document = document, TokenUrl = mock.BaseUrl + "/oauth/token" });

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.NotRun, Is.Zero, string.Join("; ", report.Cases.Where(c => c.CouldNotRun).Select(c => c.Message).Distinct()));
            Assert.That(report.Cases.Where(c => c.CheckId == "status.success" && c.OperationId.StartsWith("get-", StringComparison.Ordinal)).Select(c => c.Outcome), Is.All.EqualTo(CaseOutcome.Passed));
        });
    }
}
