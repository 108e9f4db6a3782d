using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// A pact file read into one shape whatever its version: V2 (flat matching rules, query strings), V3
/// (rules by category; message pacts with a <c>messages</c> array) or V4 (typed interactions, bodies with
/// content types, header and query value arrays). HTTP interactions and message interactions are kept apart:
/// they are checked and verified differently, but neither is ever dropped.
/// </summary>
internal sealed record PactDocument(
    string Consumer,
    string Provider,
    string SpecificationVersion,
    IReadOnlyList<PactInteraction> Interactions,
    IReadOnlyList<PactMessageInteraction> Messages)
{
    /// <summary>Every interaction of the file in file order, HTTP and message alike.</summary>
    public IReadOnlyList<PactEntry> Entries =>
        [.. Interactions.Select(i => i.Entry).Concat(Messages.Select(m => m.Entry)).OrderBy(e => e.Index)];

    /// <exception cref="FormatException">The text is not a pact file.</exception>
    public static PactDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The pact is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var hasInteractions = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("interactions", out var interactions) && interactions.ValueKind == JsonValueKind.Array;
            var hasMessages = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out var v3Messages) && v3Messages.ValueKind == JsonValueKind.Array;
            if (!hasInteractions && !hasMessages)
            {
                throw new FormatException("The pact has no 'interactions' array (nor a V3 'messages' array).");
            }

            var version = root.TryGetProperty("metadata", out var metadata) ? VersionOf(metadata) : "2.0.0";
            var http = new List<PactInteraction>();
            var messages = new List<PactMessageInteraction>();
            var index = 0;
            var all = hasInteractions ? root.GetProperty("interactions").EnumerateArray() : root.GetProperty("messages").EnumerateArray();
            foreach (var interaction in all)
            {
                if (interaction.ValueKind == JsonValueKind.Object)
                {
                    if (IsHttp(interaction))
                    {
                        http.Add(PactInteraction.Read(interaction, index));
                    }
                    else
                    {
                        messages.Add(PactMessageInteraction.Read(interaction, index));
                    }
                }

                index++;
            }

            return new PactDocument(Name(root, "consumer"), Name(root, "provider"), version, http, messages);
        }
    }

    private static bool IsHttp(JsonElement interaction) =>
        interaction.TryGetProperty("type", out var type)
            ? type.GetString() == "Synchronous/HTTP"
            : interaction.TryGetProperty("request", out _) && !interaction.TryGetProperty("contents", out _);

    private static string Name(JsonElement root, string party) =>
        root.TryGetProperty(party, out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;

    private static string VersionOf(JsonElement metadata)
    {
        foreach (var key in new[] { "pactSpecification", "pact-specification" })
        {
            if (metadata.TryGetProperty(key, out var spec) && spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("version", out var v))
            {
                return v.GetString() ?? "2.0.0";
            }
        }

        return metadata.TryGetProperty("pactSpecificationVersion", out var old) ? old.GetString() ?? "2.0.0" : "2.0.0";
    }
}

/// <summary>What every interaction has, HTTP or message: where it is, what it is called, what it needs, whether it is pending.</summary>
internal sealed record PactEntry(int Index, string Description, IReadOnlyList<string> States, bool Pending, bool IsMessage)
{
    /// <summary>Each state's parameters as JSON (<c>{}</c> when it has none), in the order of <see cref="States"/>.</summary>
    public IReadOnlyList<string> StateParameters { get; init; } = [];

    /// <summary>The parameters of each provider state of an interaction, as JSON objects.</summary>
    public static IReadOnlyList<string> ReadParameters(JsonElement json) =>
        json.TryGetProperty("providerStates", out var many) && many.ValueKind == JsonValueKind.Array
            ? [.. many.EnumerateArray().Select(s => s.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetRawText() : "{}")]
            : json.TryGetProperty("providerState", out _) ? ["{}"] : [];

    public static (string Description, IReadOnlyList<string> States, bool Pending) Read(JsonElement json)
    {
        var description = json.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        var states = new List<string>();
        if (json.TryGetProperty("providerStates", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            states.AddRange(many.EnumerateArray().Select(s => s.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty));
        }
        else if (json.TryGetProperty("providerState", out var one) && one.ValueKind == JsonValueKind.String)
        {
            states.Add(one.GetString() ?? string.Empty);
        }

        var pending = json.TryGetProperty("pending", out var p) && p.ValueKind == JsonValueKind.True;
        return (description, states, pending);
    }
}

/// <summary>One HTTP interaction; <see cref="Index"/> is its position in the file's <c>interactions</c> array.</summary>
internal sealed record PactInteraction(int Index, string Description, IReadOnlyList<string> States, PactMessage Request, PactMessage Response, string Method, string Path, int Status)
{
    public bool Pending { get; init; }

    public PactEntry Entry => new(Index, Description, States, Pending, IsMessage: false) { StateParameters = StateParameters };

    public IReadOnlyList<string> StateParameters { get; init; } = [];

    public static PactInteraction Read(JsonElement json, int index)
    {
        var (description, states, pending) = PactEntry.Read(json);
        var request = json.GetProperty("request");
        var response = json.TryGetProperty("response", out var r) ? r : default;
        var method = request.TryGetProperty("method", out var m) ? (m.GetString() ?? "GET").ToUpperInvariant() : "GET";
        var path = request.TryGetProperty("path", out var p) ? p.GetString() ?? "/" : "/";
        var status = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200;
        return new PactInteraction(index, description, states, PactMessage.Read(request), PactMessage.Read(response), method, path, status)
        {
            Pending = pending,
            StateParameters = PactEntry.ReadParameters(json),
        };
    }

    public override string ToString() => $"'{Description}' ({Method} {Path} -> {Status})";
}
