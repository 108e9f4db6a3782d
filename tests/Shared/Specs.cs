using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Tests;

/// <summary>Both documents, loaded once per test run (loading is deterministic and the model immutable).</summary>
internal static class Specs
{
    private static readonly Lazy<ApiDocument> s_ours = new(SpecLoader.LoadEmbedded);
    private static readonly Lazy<ApiDocument?> s_published = new(() =>
        File.Exists(TestPaths.PublishedSpecPath) ? SpecLoader.LoadFile(TestPaths.PublishedSpecPath) : null);

    public const string Ours = "ours";
    public const string Published = "published";

    public static IEnumerable<string> Names => [Ours, Published];

    public static ApiDocument Embedded => s_ours.Value;

    /// <summary>The published document, or the test is skipped (see <see cref="TestPaths.RequirePublishedSpec"/>).</summary>
    public static ApiDocument PublishedDocument
    {
        get
        {
            TestPaths.RequirePublishedSpec();
            return s_published.Value!;
        }
    }

    public static ApiDocument ByName(string name) => name == Published ? PublishedDocument : Embedded;
}

/// <summary>Test cases over every operation of both documents, with readable names.</summary>
internal static class OperationCases
{
    public static IEnumerable<TestCaseData> OfBoth() => Of(Specs.Ours).Concat(Of(Specs.Published));

    public static IEnumerable<TestCaseData> Of(string spec)
    {
        if (spec == Specs.Published && !File.Exists(TestPaths.PublishedSpecPath))
        {
            // One case that reports the skip, instead of silently running nothing.
            yield return new TestCaseData(spec, string.Empty).SetName("published › (document absent: skipped)");
            yield break;
        }

        foreach (var operation in Specs.ByName(spec).Operations)
        {
            yield return new TestCaseData(spec, operation.Id).SetName($"{spec} › {operation.Id}");
        }
    }

    public static Operation Resolve(string spec, string operationId) => Specs.ByName(spec).GetOperation(operationId);
}
