using System.Globalization;
using System.Text;

namespace ConnectedCarMock.Conformance.Reporting;

/// <summary>
/// A conformance run as JUnit XML: one <c>testsuite</c> per check and one <c>testcase</c> per operation × check.
/// Failures carry the requests, statuses and body excerpts.
/// </summary>
internal static class JUnitReport
{
    public static void Write(ConformanceReport report, TextWriter output)
    {
        var spec = $"{report.SpecSource} ({report.SpecTitle} {report.SpecVersion})";
        var suites = report.Cases.GroupBy(c => c.CheckId, StringComparer.Ordinal).Select(suite => new JUnitSuite(
            suite.Key,
            [.. suite.Select(Case)],
            [new("description", CheckCatalog.Describe(suite.Key)), new("target", report.Target), new("spec", spec)],
            TimeSpan.FromTicks(suite.Sum(c => c.Duration.Ticks)))).ToList();
        JUnitXml.Write(output, $"connectedcar-conformance {report.SpecTitle}", suites, report.Duration, report.StartedAt);
    }

    private static JUnitCase Case(CaseResult result) => result.Outcome switch
    {
        CaseOutcome.Failed => new JUnitCase(result.Name, result.CheckId, JUnitOutcome.Failed, result.Message, Details(result), result.Duration, result.CheckId),
        CaseOutcome.Error => new JUnitCase(result.Name, result.CheckId, JUnitOutcome.Error, result.Message, Details(result), result.Duration, "error"),
        CaseOutcome.Skipped => new JUnitCase(result.Name, result.CheckId, JUnitOutcome.Skipped, result.Message, Time: result.Duration),
        _ => new JUnitCase(result.Name, result.CheckId, JUnitOutcome.Passed, result.Message, Time: result.Duration),
    };

    /// <summary>What failed, then each request: method and URL, status, content type and the start of the body.</summary>
    private static string Details(CaseResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"{result.Method} {result.Path} ({result.OperationId}) › {result.CheckId}");
        foreach (var failure in result.Failures)
        {
            text.AppendLine("- " + failure);
        }

        foreach (var exchange in result.Exchanges.Take(8))
        {
            text.AppendLine();
            text.AppendLine($"{exchange.Label}: {exchange.Method} {exchange.Url}");
            text.AppendLine($"  status: {exchange.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}{(exchange.ContentType is null ? string.Empty : $", {exchange.ContentType}")}");
            foreach (var (name, value) in exchange.Headers)
            {
                text.AppendLine($"  {name}: {value}");
            }

            if (exchange.BodyExcerpt.Length > 0)
            {
                text.AppendLine($"  body: {exchange.BodyExcerpt}");
            }
        }

        return text.ToString();
    }
}
