using System.Collections.Concurrent;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// The third-party material in <c>../shared/corpus/</c> (never copied into the repository): the
/// OpenAPI documents and the JSON-Schema-Test-Suite slice. Tests skip with a message when it is absent.
/// </summary>
internal static class CorpusDocuments
{
    private static readonly ConcurrentDictionary<string, Lazy<(ApiDocument? Document, string? Error)>> Loaded = new(StringComparer.Ordinal);

    public static string Root => Environment.GetEnvironmentVariable("CCMOCK_CORPUS")
        ?? Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "corpus"));

    public static string OpenApi => Path.Combine(Root, "openapi");

    public static string TestSuite => Path.Combine(Root, "json-schema-test-suite");

    /// <summary>Every corpus document by file name, or one case saying the corpus is absent.</summary>
    public static IEnumerable<TestCaseData> Names()
    {
        if (!Directory.Exists(OpenApi))
        {
            yield return new TestCaseData(string.Empty).SetName("corpus › (absent: skipped)");
            yield break;
        }

        foreach (var file in Directory.GetFiles(OpenApi).Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.GetFileName(file)).SetName($"corpus › {Path.GetFileName(file)}");
        }
    }

    /// <summary>The loaded document; the test is skipped (with the loader's reason) when it does not load.</summary>
    public static ApiDocument Require(string name)
    {
        if (name.Length == 0)
        {
            Assert.Ignore($"The corpus is not at {Root}; it is read from ../shared/corpus/ (never committed). Set CCMOCK_CORPUS to run these tests.");
        }

        var (document, error) = Load(name);
        if (document is null)
        {
            Assert.Ignore($"{name} does not load (yet): {error}");
        }

        return document!;
    }

    public static (ApiDocument? Document, string? Error) Load(string name) =>
        Loaded.GetOrAdd(name, n => new Lazy<(ApiDocument?, string?)>(() =>
        {
            try
            {
                return (SpecLoader.LoadFile(Path.Combine(OpenApi, n)), null);
            }
            catch (SpecLoadException ex)
            {
                return (null, ex.Message);
            }
            catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
            {
                // The loader's own failures are another work's (every document loading); this suite covers what loads.
                return (null, $"the loader failed: {ex.GetType().Name}: {ex.Message}");
            }
        })).Value;
}
