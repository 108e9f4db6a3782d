using System.Text.Json;
using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests.Reporting;

public class JsonReportTests
{
    [Test]
    public async Task The_summary_and_per_check_counts_match_the_report()
    {
        var report = await CleanRuns.ReportAsync(Specs.Ours);

        using var json = Parse(report);

        var root = json.RootElement;
        Assert.That(root.GetProperty("tool").GetString(), Is.EqualTo("connectedcar-conformance"));
        Assert.That(root.GetProperty("formatVersion").GetInt32(), Is.EqualTo(1));
        var summary = root.GetProperty("summary");
        Assert.That(summary.GetProperty("total").GetInt32(), Is.EqualTo(report.Total));
        Assert.That(summary.GetProperty("executed").GetInt32(), Is.EqualTo(report.Executed));
        Assert.That(summary.GetProperty("failed").GetInt32(), Is.Zero);
        Assert.That(summary.GetProperty("exitCode").GetInt32(), Is.Zero);
        Assert.That(root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Is.EqualTo(CheckCatalog.All.Select(c => c.Id)));
        Assert.That(root.GetProperty("cases").GetArrayLength(), Is.EqualTo(report.Total));
    }

    [Test]
    public async Task Every_case_has_the_documented_field_names()
    {
        var report = await FailingRuns.ReportAsync();

        using var json = Parse(report);

        string[] caseFields = ["name", "operationId", "method", "path", "tags", "checkId", "outcome", "message", "failures", "durationMs", "exchanges"];
        string[] exchangeFields = ["label", "method", "url", "status", "contentType", "headers", "bodyExcerpt"];
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.That(cases.Select(c => c.EnumerateObject().Select(p => p.Name).ToArray()), Has.All.EqualTo(caseFields));
        var exchanges = cases.SelectMany(c => c.GetProperty("exchanges").EnumerateArray()).ToList();
        Assert.That(exchanges, Is.Not.Empty);
        Assert.That(exchanges.Select(e => e.EnumerateObject().Select(p => p.Name).ToArray()), Has.All.EqualTo(exchangeFields));
        Assert.That(cases.Select(c => c.GetProperty("outcome").GetString()), Has.Member("failed").And.All.AnyOf("passed", "failed", "error", "skipped"));
    }

    private static JsonDocument Parse(ConformanceReport report)
    {
        using var writer = new StringWriter();
        ReportFormats.WriteJson(report, writer);
        return JsonDocument.Parse(writer.ToString());
    }
}
