namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>The runner passes the mock on every loadable corpus document, security on, given only the token URL.</summary>
public class CorpusRunnerTests
{
    public static IEnumerable<TestCaseData> Documents() => CorpusFiles.Cases("the runner passes the mock given only --token-url");

    [TestCaseSource(nameof(Documents))]
    public async Task The_runner_passes_the_mock(string file)
    {
        CorpusFiles.Require(file);
        var report = await CorpusRunner.ReportAsync(file);

        TestContext.Out.WriteLine($"{file}: {report.Total} cases, {report.Executed} executed: {report.Passed} passed, {report.Failed} failed, {report.Errors} errors, {report.Skipped} skipped ({report.NotRun} could not run)");
        foreach (var reason in report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped).GroupBy(c => (c.CheckId, c.CouldNotRun, c.Message)).OrderByDescending(g => g.Count()).Take(15))
        {
            TestContext.Out.WriteLine($"  skipped{(reason.Key.CouldNotRun ? " (could not run)" : string.Empty)} {reason.Key.CheckId} ×{reason.Count()}: {reason.Key.Message}");
        }

        var bad = report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error)
            .Select(c => $"{c.Name}: {c.Message}" + (c.Exchanges.FirstOrDefault() is { } first ? $" [{first}]" : string.Empty)).ToList();
        foreach (var line in bad.Take(40))
        {
            TestContext.Out.WriteLine("  " + line);
        }

        Assert.Multiple(() =>
        {
            Assert.That(bad, Is.Empty);
            Assert.That(report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped && string.IsNullOrWhiteSpace(c.Message)), Is.Empty, "every skip says why");
        });
    }
}
