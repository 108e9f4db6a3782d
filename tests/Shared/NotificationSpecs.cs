using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Tests;

/// <summary>
/// The two descriptions of event messages: ours (embedded) and the companion document Stellantis
/// publishes, read from <c>../shared/specs/</c> (never committed; <c>CCMOCK_NOTIFICATION_SPEC</c>
/// overrides the path) and skipped with a message where absent.
/// </summary>
internal static class NotificationSpecs
{
    private static readonly Lazy<ApiDocument?> s_companion = new(() => File.Exists(CompanionPath) ? SpecLoader.LoadFile(CompanionPath) : null);

    public static string CompanionPath =>
        Environment.GetEnvironmentVariable("CCMOCK_NOTIFICATION_SPEC")
        ?? Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "specs", "stellantis-platform-notification.yaml"));

    public static ApiDocument Ours => NotificationDocument.Embedded;

    /// <summary>The companion document, or null when it is absent.</summary>
    public static ApiDocument? Companion => s_companion.Value;

    /// <summary>Every problem of a message: strict against ours, tolerant against the companion (when present).</summary>
    public static IReadOnlyList<string> Problems(string message)
    {
        var problems = new List<string>();
        var ours = Ours.Validator.Validate(Ours.Schemas[NotificationDocument.MessageSchema], message, ValidationMode.Strict);
        problems.AddRange(ours.Errors.Select(e => $"ours: {e}"));
        if (Companion is { } companion)
        {
            var theirs = companion.Validator.Validate(companion.Schemas[NotificationDocument.MessageSchema], message, ValidationMode.Tolerant);
            problems.AddRange(theirs.Errors.Select(e => $"companion: {e}"));
        }

        return problems;
    }
}
