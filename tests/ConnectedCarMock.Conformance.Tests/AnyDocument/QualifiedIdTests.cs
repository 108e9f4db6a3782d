using ConnectedCarMock.MockServer;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// A parameter named after a list and one of its items' properties (codat's <c>companyId</c>: the <c>id</c> of the items of
/// <c>/companies</c>), where no item path sits under the list: the runner reads the values there.
/// </summary>
public class QualifiedIdTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: companies, version: '1' }
        paths:
          /companies:
            get:
              operationId: list-companies
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { results: { type: array, items: { $ref: '#/components/schemas/company' } } } }
          /companies/{companyId}/sync/settings:
            get:
              operationId: get-sync-settings
              parameters: [{ name: companyId, in: path, required: true, schema: { type: string } }]
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: object, properties: { frequency: { type: string } } } } } }
        components:
          schemas:
            company: { type: object, properties: { id: { type: string }, name: { type: string } } }
        """;

    [Test]
    public async Task The_runner_takes_company_ids_from_the_companies_list_and_passes_the_mock()
    {
        var document = SpecLoader.Parse(Document, "companies.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions { Target = mock.ApiUrl, Document = document, TokenUrl = mock.BaseUrl + "/oauth/token" });

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.NotRun, Is.Zero, string.Join("; ", report.Cases.Where(c => c.CouldNotRun).Select(c => c.Message).Distinct()));
            Assert.That(report.Cases.Single(c => c.OperationId == "get-sync-settings" && c.CheckId == "status.success").Outcome, Is.EqualTo(CaseOutcome.Passed));
        });
    }
}
