namespace ConnectedCarMock.Conformance.Webhooks;

/// <summary>What the webhook runner sends where, and how it observes the receiver.</summary>
internal sealed record WebhookOptions
{
    /// <summary>The receiver's URL, as a client would register it as a channel's webhook target.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// Optional: a URL whose GET body shows what the receiver processed (a list of events, a count...).
    /// Without it the idempotence and effect checks are skipped: an answer alone cannot show them.
    /// </summary>
    public string? EffectsUrl { get; init; }

    /// <summary>Headers sent with every message (e.g. the Authorization header the channel registers).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Seed of the world messages are built from (the mock's default).</summary>
    public long Seed { get; init; } = 20250602;

    /// <summary>How long each answer may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Only these checks (all when empty).</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>
    /// Distinguishes this run's message ids from an earlier run's, so a receiver that remembers ids
    /// does not take a new run for duplicates. Random unless set.
    /// </summary>
    public string? RunId { get; init; }
}
