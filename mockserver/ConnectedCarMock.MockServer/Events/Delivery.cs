using ConnectedCarMock.Fixtures.Events;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>Where a delivery ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>Being sent, or waiting between attempts.</summary>
    InProgress,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the receiver refused the message (a 4xx other than 408 and 429).</summary>
    Failed,

    /// <summary>Not sent, on purpose: the reason says why (a world channel, a paused channel, a deleted remote, a host not allowed...).</summary>
    NotDelivered,

    /// <summary>A push-notification or websocket message: recorded as it would be sent, not sent.</summary>
    Recorded,
}

/// <summary>One attempt: its status (null when no answer came) or error, and how long it took.</summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, int? Status, string? Error, double LatencyMs);

/// <summary>One message to one channel, what was sent, each attempt, and how it ended.</summary>
public sealed record Delivery
{
    /// <summary>The message's id, sent as <c>X-Message-Id</c>: the same on every attempt.</summary>
    public required string MessageId { get; init; }

    public required MessageKind Kind { get; init; }

    public required string ChannelId { get; init; }

    public string? RemoteId { get; init; }

    public string? MonitorId { get; init; }

    public required string VehicleId { get; init; }

    /// <summary><c>webhook</c>, <c>websocket</c>, <c>pushnotif</c>, or <c>none</c> when the channel has no subscription.</summary>
    public required string Transport { get; init; }

    /// <summary>The URL posted to (with the query attributes), the websocket URL, or the push devices.</summary>
    public string? Target { get; init; }

    /// <summary>Headers sent with the message (the attributes and the mock's own); per-attempt headers excepted.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as sent (varied when asked), or as it would be sent.</summary>
    public required string Message { get; init; }

    /// <summary>What the variation did (<c>sweep=3; removed=1; added=0</c>); null when none applied.</summary>
    public string? Variation { get; init; }

    public string? VariationPointers { get; init; }

    /// <summary>In sweep mode, how many single-field variants the message has.</summary>
    public int? Variants { get; init; }

    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];

    public DeliveryOutcome Outcome { get; init; } = DeliveryOutcome.InProgress;

    /// <summary>Why it was not delivered, or why it failed.</summary>
    public string? Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsFinished => Outcome != DeliveryOutcome.InProgress;
}

/// <summary>Which deliveries to list: every given field must match.</summary>
public sealed record DeliveryFilter(string? ChannelId = null, string? RemoteId = null, string? MonitorId = null, MessageKind? Kind = null, DeliveryOutcome? Outcome = null)
{
    public bool Matches(Delivery delivery) =>
        (ChannelId is null || delivery.ChannelId == ChannelId)
        && (RemoteId is null || delivery.RemoteId == RemoteId)
        && (MonitorId is null || delivery.MonitorId == MonitorId)
        && (Kind is null || delivery.Kind == Kind)
        && (Outcome is null || delivery.Outcome == Outcome);
}
