using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// Items whose schema is a oneOf of variants that share <c>_links</c> (vonage-reports' kinds of report): the mock's
/// self links lead to the item, so a client (and the runner's discovery) finds the items a list shows.
/// </summary>
public class VariantLinksTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: reports, version: '1' }
        paths:
          /reports:
            get:
              operationId: list-reports
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          reports: { type: array, items: { $ref: '#/components/schemas/anyReport' } }
          /reports/{report_id}:
            get:
              operationId: get-report
              parameters: [{ name: report_id, in: path, required: true, schema: { type: string } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/anyReport' } } } }
                '404': { description: none }
        components:
          schemas:
            links:
              type: object
              properties:
                self: { type: object, properties: { href: { type: string, format: uri } } }
            base:
              type: object
              properties:
                request_id: { type: string }
                _links: { $ref: '#/components/schemas/links' }
            sms: { allOf: [{ $ref: '#/components/schemas/base' }, { type: object, properties: { id: { type: string } } }] }
            voice: { allOf: [{ $ref: '#/components/schemas/base' }, { type: object, properties: { direction: { type: string } } }] }
            anyReport: { oneOf: [{ $ref: '#/components/schemas/sms' }, { $ref: '#/components/schemas/voice' }] }
        """;

    [Test]
    public async Task The_self_link_of_every_listed_variant_answers_200()
    {
        var document = SpecLoader.Parse(Document, "reports.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });
        using var http = new HttpClient();

        var list = JsonNode.Parse(await http.GetStringAsync(mock.ApiUrl + "/reports"))!["reports"]!.AsArray();
        var selves = list.Select(item => item?["_links"]?["self"]?["href"]?.GetValue<string>()).ToList();

        Assert.That(selves, Is.Not.Empty.And.All.Not.Null);
        foreach (var self in selves)
        {
            Assert.That(self, Does.StartWith(mock.ApiUrl + "/reports/"));
            using var answer = await http.GetAsync(self);
            Assert.That((int)answer.StatusCode, Is.EqualTo(200), self);
        }
    }

    [Test]
    public async Task The_runner_reads_the_ids_from_those_links_and_passes_the_mock()
    {
        var document = SpecLoader.Parse(Document, "reports.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions { Target = mock.ApiUrl, Document = document, TokenUrl = mock.BaseUrl + "/oauth/token" });

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.Cases.Where(c => c.OperationId == "get-report" && c.CheckId == "status.success").Select(c => c.Outcome), Is.EqualTo(new[] { CaseOutcome.Passed }));
        });
    }
}
