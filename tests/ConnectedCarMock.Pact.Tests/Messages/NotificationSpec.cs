using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// The companion notification document (the messages the platform sends to a channel). Not ours and never
/// committed: read from ../shared/specs/ (or CCMOCK_NOTIFICATION_SPEC), and the tests that need it are
/// skipped, saying so, where it is absent.
/// </summary>
internal static class NotificationSpec
{
    private static readonly Lazy<ApiDocument> s_document = new(() => SpecLoader.LoadFile(Path));

    public static string Path =>
        Environment.GetEnvironmentVariable("CCMOCK_NOTIFICATION_SPEC")
        ?? System.IO.Path.GetFullPath(System.IO.Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "specs", "stellantis-platform-notification.yaml"));

    public static ApiDocument Require()
    {
        if (!File.Exists(Path))
        {
            Assert.Ignore($"The companion notification document is not at {Path}; it is read from ../shared/specs/ (never committed). Set CCMOCK_NOTIFICATION_SPEC to run these tests.");
        }

        return s_document.Value;
    }
}
