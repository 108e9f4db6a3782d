using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// A list the document declares as a map keyed by item id (Eclipse Ditto's features: an object of no declared
/// property whose values are features): the mock's keys are the ids its item path answers, and the runner reads them.
/// </summary>
public class MapListTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: things, version: '1' }
        paths:
          /things/{thingId}/features:
            get:
              operationId: list-features
              parameters: [{ name: thingId, in: path, required: true, schema: { type: string } }]
              responses:
                '200':
                  description: ok
                  content: { application/json: { schema: { type: object, additionalProperties: { $ref: '#/components/schemas/feature' } } } }
          /things/{thingId}/features/{featureId}:
            get:
              operationId: get-feature
              parameters:
                - { name: thingId, in: path, required: true, schema: { type: string } }
                - { name: featureId, in: path, required: true, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/feature' } } } }
                '404': { description: none }
        components:
          schemas:
            feature: { type: object, properties: { definition: { type: array, items: { type: string } } } }
        """;

    [Test]
    public async Task Every_key_of_the_map_names_a_feature_that_answers_200()
    {
        var document = SpecLoader.Parse(Document, "things.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });
        using var http = new HttpClient();

        var keys = JsonNode.Parse(await http.GetStringAsync(mock.ApiUrl + "/things/thing-1/features"))!.AsObject().Select(p => p.Key).ToList();

        Assert.That(keys, Is.Not.Empty);
        foreach (var key in keys)
        {
            using var answer = await http.GetAsync($"{mock.ApiUrl}/things/thing-1/features/{Uri.EscapeDataString(key)}");
            Assert.That((int)answer.StatusCode, Is.EqualTo(200), key);
        }
    }

    [Test]
    public async Task The_runner_reads_the_keys_as_ids_and_passes_the_mock()
    {
        var document = SpecLoader.Parse(Document, "things.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions
        {
            Target = mock.ApiUrl,
            Document = document,
            TokenUrl = mock.BaseUrl + "/oauth/token",
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["thingId"] = "thing-1" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.NotRun, Is.Zero, string.Join("; ", report.Cases.Where(c => c.CouldNotRun).Select(c => c.Message).Distinct()));
            Assert.That(report.Cases.Single(c => c.OperationId == "get-feature" && c.CheckId == "status.success").Outcome, Is.EqualTo(CaseOutcome.Passed));
        });
    }
}
