namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>The runner passes the mock on every loadable corpus document, security on, given only the token URL.</summary>
public class CorpusRunnerTests
{
    public static IEnumerable<TestCaseData> Documents() => CorpusFiles.Cases("the runner passes the mock given only --token-url");

    [TestCaseSource(nameof(Documents))]
    public async Task The_runner_passes_the_mock(string file)
    {
        CorpusFiles.Require(file);
        if (CorpusFiles.GeneratorCrashes.TryGetValue(file, out var crash))
        {
            Assert.Ignore(crash);
        }

        var report = await CorpusRunner.ReportAsync(file);

        TestContext.Out.WriteLine($"{file}: {report.Total} cases, {report.Executed} executed: {report.Passed} passed, {report.Failed} failed, {report.Errors} errors, {report.Skipped} skipped ({report.NotRun} could not run)");
        foreach (var reason in report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped).GroupBy(c => (c.CheckId, c.CouldNotRun, c.Message)).OrderByDescending(g => g.Count()).Take(15))
        {
            TestContext.Out.WriteLine($"  skipped{(reason.Key.CouldNotRun ? " (could not run)" : string.Empty)} {reason.Key.CheckId} ×{reason.Count()}: {reason.Key.Message}");
        }

        var judge = new RunnerJudge(CorpusFiles.Load(file)!);
        var failed = report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => (Case: c, Cause: judge.GeneratorCause(c))).ToList();
        var bad = failed.Where(f => f.Cause is null)
            .Select(f => $"{f.Case.Name}: {f.Case.Message}" + (f.Case.Exchanges.FirstOrDefault() is { } first ? $" [{first}]" : string.Empty)).ToList();
        foreach (var line in bad.Take(40))
        {
            TestContext.Out.WriteLine("  " + line);
        }

        foreach (var (result, cause) in failed.Where(f => f.Cause is not null).Take(20))
        {
            TestContext.Out.WriteLine($"  generator: {result.Name}: {result.Message} ({cause})");
        }

        Assert.Multiple(() =>
        {
            Assert.That(bad, Is.Empty);
            Assert.That(report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped && string.IsNullOrWhiteSpace(c.Message)), Is.Empty, "every skip says why");
        });
    }
}
