using System.Collections.Concurrent;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>The runner against the mock (security on) on a corpus document, given only the token URL, as a team would run it: once per document.</summary>
internal static class CorpusRunner
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ConformanceReport>>> s_reports = new(StringComparer.Ordinal);

    public static Task<ConformanceReport> ReportAsync(string file) =>
        s_reports.GetOrAdd(file, f => new Lazy<Task<ConformanceReport>>(async () =>
        {
            var served = CorpusFiles.Load(f)!;
            await using var mock = await ConnectedCarMockServer.StartAsync(served, new MockServerOptions { Port = 0 });

            // The runner reads its own copy of the document, as it would in another process.
            var document = SpecLoader.LoadFile(Path.Combine(CorpusFiles.Folder, f));
            return await ConformanceRunner.RunAsync(new ConformanceOptions
            {
                Target = mock.ApiUrl,
                Document = document,
                TokenUrl = mock.BaseUrl + "/oauth/token",
                Parallelism = 4,

                // Correctness, not speed, is measured here: a machine shared by parallel builds can take more than the default 10 s for a large list.
                Timeout = TimeSpan.FromSeconds(60),
            });
        })).Value;
}
