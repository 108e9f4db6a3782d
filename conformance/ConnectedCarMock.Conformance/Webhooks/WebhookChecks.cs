namespace ConnectedCarMock.Conformance.Webhooks;

/// <summary>What <c>connectedcar-conformance webhook</c> checks of a client's webhook receiver, in report order.</summary>
internal static class WebhookChecks
{
    public const string Valid = "webhook.valid";
    public const string Tolerant = "webhook.tolerant";
    public const string UnknownEnum = "webhook.unknown-enum";
    public const string Duplicate = "webhook.duplicate";
    public const string Idempotent = "webhook.idempotent";
    public const string Effect = "webhook.effect";
    public const string Malformed = "webhook.malformed";
    public const string Timely = "webhook.timely";

    public static IReadOnlyList<CheckInfo> All { get; } =
    [
        new(Valid, "A valid message of the kind is answered 2xx (201 is the documented answer)."),
        new(Tolerant, "Every single-field variant (an optional field missing, an unknown field added, at any depth) is answered 2xx: the receiver is a tolerant reader."),
        new(UnknownEnum, "A message with enum values the format does not list yet gets no 5xx."),
        new(Duplicate, "The same message delivered twice (same X-Message-Id, same bytes) is answered 2xx both times: delivery is at least once."),
        new(Idempotent, "A duplicate changes nothing the receiver shows at --effects-url: each message id is processed once."),
        new(Effect, "A result message (Done, whatever its outcome, or a monitor firing) changes what the receiver shows at --effects-url: none is silently dropped."),
        new(Malformed, "A malformed message (not JSON, wrong types, a required field missing, an empty body) gets no 5xx and no dropped connection."),
        new(Timely, "Every answer comes within --timeout (a slow receiver makes the platform retry)."),
    ];

    public static CheckInfo? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
