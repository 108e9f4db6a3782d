using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// One message interaction: a V4 <c>Asynchronous/Messages</c> (or <c>Synchronous/Messages</c>, whose request
/// is ignored here) or an entry of a V3 message pact's <c>messages</c>. What the consumer expects to receive:
/// the contents, their metadata and matching rules.
/// </summary>
internal sealed record PactMessageInteraction(
    int Index,
    string Description,
    IReadOnlyList<string> States,
    string Type,
    JsonElement? Contents,
    string? ContentsText,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    MatchingRules Rules)
{
    public bool Pending { get; init; }

    public PactEntry Entry => new(Index, Description, States, Pending, IsMessage: true) { StateParameters = StateParameters };

    public IReadOnlyList<string> StateParameters { get; init; } = [];

    public static PactMessageInteraction Read(JsonElement json, int index)
    {
        var (description, states, pending) = PactEntry.Read(json);
        var type = json.TryGetProperty("type", out var t) ? t.GetString() ?? "Asynchronous/Messages" : "Asynchronous/Messages";
        // A synchronous message's expectation is its (first) response; an asynchronous one's is the message itself.
        var message = type == "Synchronous/Messages" && json.TryGetProperty("response", out var responses) && responses.ValueKind == JsonValueKind.Array && responses.GetArrayLength() > 0
            ? responses[0]
            : json;
        var (contents, text, bodyType) = PactMessage.ReadBody(message, "contents");
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "metadata", "metaData" })
        {
            if (message.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in m.EnumerateObject())
                {
                    metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                }
            }
        }

        var contentType = bodyType ?? metadata.GetValueOrDefault("contentType") ?? metadata.GetValueOrDefault("content-type");
        var rules = message.TryGetProperty("matchingRules", out var mr) ? MatchingRules.Read(mr) : MatchingRules.None;
        return new PactMessageInteraction(index, description, states, type, contents, text, contentType, metadata, rules)
        {
            Pending = pending,
            StateParameters = PactEntry.ReadParameters(json),
        };
    }

    public override string ToString() => $"'{Description}' (message)";
}
