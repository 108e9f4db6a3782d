namespace ConnectedCarMock.Schemas.Tests.Corpus;

/// <summary>
/// The real public documents of <c>../shared/corpus/openapi/</c> (third-party: read from there, never
/// copied). Tests over them skip with a message when the folder is absent.
/// </summary>
internal static class CorpusDocuments
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("CCMOCK_CORPUS")
        ?? Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "corpus", "openapi"));

    public static bool Present => Directory.Exists(Folder);

    /// <summary>Every document of the corpus, by file name.</summary>
    public static IReadOnlyList<string> Files =>
        Present ? Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];

    public static string PathOf(string file) => Path.Combine(Folder, file);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ApiDocument>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The loaded document, once per test run (loading is deterministic and the model immutable).</summary>
    public static ApiDocument Load(string file) => Loaded.GetOrAdd(file, f => new Lazy<ApiDocument>(() => SpecLoader.LoadFile(PathOf(f)))).Value;

    /// <summary>One case per document (but <paramref name="except"/>), or one case that reports the skip when the corpus is absent.</summary>
    public static IEnumerable<TestCaseData> Cases(string prefix, IEnumerable<string>? except = null)
    {
        if (!Present)
        {
            yield return new TestCaseData(string.Empty).SetName($"{prefix} › (corpus absent: skipped)");
            yield break;
        }

        foreach (var file in Files.Except(except ?? []))
        {
            yield return new TestCaseData(file).SetName($"{prefix} › {file}");
        }
    }

    /// <summary>Skips the test with a message saying where the corpus is expected.</summary>
    public static void Require()
    {
        if (!Present)
        {
            Assert.Ignore($"The OpenAPI corpus is not at {Folder}; it is read from ../shared/corpus/openapi/ (never committed). Set CCMOCK_CORPUS to run these tests.");
        }
    }
}
