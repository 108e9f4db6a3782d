namespace ConnectedCarMock.Tests;

/// <summary>Where the repository and the published Stellantis document are, seen from a test.</summary>
internal static class TestPaths
{
    private const string PublishedFileName = "stellantis-connected-car-v2.yaml";

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// The published document is not ours and never committed: it lives in <c>../shared/specs/</c>
    /// beside the repository (CI always has it). <c>CCMOCK_PUBLISHED_SPEC</c> overrides the path.
    /// </summary>
    public static string PublishedSpecPath =>
        Environment.GetEnvironmentVariable("CCMOCK_PUBLISHED_SPEC")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "specs", PublishedFileName));

    public static string OurSpecPath => Path.Combine(RepositoryRoot, "schemas", "connected-car-v2.yaml");

    /// <summary>The published document's path, or the test is skipped with a message saying why.</summary>
    public static string RequirePublishedSpec()
    {
        var path = PublishedSpecPath;
        if (!File.Exists(path))
        {
            Assert.Ignore($"The published Stellantis document is not at {path}; it is read from ../shared/specs/ (never committed). Set CCMOCK_PUBLISHED_SPEC to run these tests.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectedCarMock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ConnectedCarMock.sln not found above " + AppContext.BaseDirectory);
    }
}
