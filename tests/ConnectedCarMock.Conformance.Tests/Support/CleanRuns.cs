using System.Collections.Concurrent;

namespace ConnectedCarMock.Conformance.Tests.Support;

/// <summary>One full run against the clean mock per document, shared by the tests that read its report.</summary>
internal static class CleanRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ConformanceReport>>> s_reports = new(StringComparer.Ordinal);

    public static Task<ConformanceReport> ReportAsync(string spec) =>
        s_reports.GetOrAdd(spec, s => new Lazy<Task<ConformanceReport>>(async () =>
        {
            await using var mock = await MockTarget.StartAsync(s);
            return await ConformanceRunner.RunAsync(mock.Options());
        })).Value;
}
