using System.Collections.Concurrent;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// The real public documents of <c>../shared/corpus/openapi/</c> (third-party: read from there, never copied) that
/// load, plus ours and the published one. Tests over them skip with a message when the folder is absent.
/// </summary>
internal static class CorpusFiles
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("CCMOCK_CORPUS")
        ?? Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "corpus", "openapi"));

    public static bool Present => Directory.Exists(Folder);

    private static readonly ConcurrentDictionary<string, Lazy<ApiDocument?>> s_loaded = new(StringComparer.Ordinal);

    /// <summary>Every corpus document by file name (loadable or not).</summary>
    public static IReadOnlyList<string> Files =>
        Present ? Directory.GetFiles(Folder).Select(Path.GetFileName).OfType<string>().Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>The document, or null when the loader refuses it (exit 2; docs/corpus-loading.md lists why).</summary>
    public static ApiDocument? Load(string file) => s_loaded.GetOrAdd(file, f => new Lazy<ApiDocument?>(() =>
    {
        try
        {
            return SpecLoader.LoadFile(Path.Combine(Folder, f));
        }
        catch (SpecLoadException)
        {
            return null;
        }
    })).Value;

    public static IEnumerable<TestCaseData> Cases(string prefix)
    {
        if (!Present)
        {
            yield return new TestCaseData(string.Empty).SetName($"{prefix} › (corpus absent: skipped)");
            yield break;
        }

        foreach (var file in Files)
        {
            yield return new TestCaseData(file).SetName($"{prefix} › {file}");
        }
    }

    /// <summary>The loaded document, or the test is skipped saying why.</summary>
    public static ApiDocument Require(string file)
    {
        if (!Present)
        {
            Assert.Ignore($"The OpenAPI corpus is not at {Folder}; it is read from ../shared/corpus/openapi/ (never committed). Set CCMOCK_CORPUS to run these tests.");
        }

        return Load(file) ?? throw new IgnoreException($"{file} does not load (exit 2, see docs/corpus-loading.md): nothing to serve");
    }
}
