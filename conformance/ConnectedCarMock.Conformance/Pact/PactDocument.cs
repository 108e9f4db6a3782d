using System.Text;
using System.Text.Json;

namespace ConnectedCarMock.Conformance.Pact;

/// <summary>
/// A pact file read into one shape whatever its version: V2 (flat matching rules, query strings), V3
/// (rules by category) or V4 (typed interactions, bodies with content types, header and query value arrays).
/// Only HTTP interactions are kept; message interactions are not part of a REST contract.
/// </summary>
internal sealed record PactDocument(string Consumer, string Provider, string SpecificationVersion, IReadOnlyList<PactInteraction> Interactions)
{
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
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("interactions", out var interactions) || interactions.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The pact has no 'interactions' array.");
            }

            var version = root.TryGetProperty("metadata", out var metadata) ? VersionOf(metadata) : "2.0.0";
            var list = new List<PactInteraction>();
            var index = 0;
            foreach (var interaction in interactions.EnumerateArray())
            {
                if (IsHttp(interaction))
                {
                    list.Add(PactInteraction.Read(interaction, index));
                }

                index++;
            }

            return new PactDocument(Name(root, "consumer"), Name(root, "provider"), version, list);
        }
    }

    private static bool IsHttp(JsonElement interaction) =>
        interaction.ValueKind == JsonValueKind.Object
        && (!interaction.TryGetProperty("type", out var type) || type.GetString() == "Synchronous/HTTP")
        && interaction.TryGetProperty("request", out _);

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

/// <summary>One HTTP interaction; <see cref="Index"/> is its position in the file's <c>interactions</c> array.</summary>
internal sealed record PactInteraction(int Index, string Description, IReadOnlyList<string> States, PactMessage Request, PactMessage Response, string Method, string Path, int Status)
{
    public static PactInteraction Read(JsonElement json, int index)
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

        var request = json.GetProperty("request");
        var response = json.TryGetProperty("response", out var r) ? r : default;
        var method = request.TryGetProperty("method", out var m) ? (m.GetString() ?? "GET").ToUpperInvariant() : "GET";
        var path = request.TryGetProperty("path", out var p) ? p.GetString() ?? "/" : "/";
        var status = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200;
        return new PactInteraction(index, description, states, PactMessage.Read(request), PactMessage.Read(response), method, path, status);
    }

    public override string ToString() => $"'{Description}' ({Method} {Path} -> {Status})";
}

/// <summary>Headers, query, body and matching rules of a request or a response.</summary>
internal sealed record PactMessage(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Query,
    JsonElement? Body,
    string? BodyText,
    string? ContentType,
    MatchingRules Rules)
{
    public static PactMessage Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new PactMessage(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>(), null, null, null, MatchingRules.None);
        }

        var headers = Values(json, "headers", splitCommas: true);
        var query = json.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? ParseQuery(q.GetString() ?? string.Empty) : Values(json, "query", splitCommas: false);
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        var (body, text, bodyType) = ReadBody(json);
        var rules = json.TryGetProperty("matchingRules", out var mr) ? MatchingRules.Read(mr) : MatchingRules.None;
        return new PactMessage(headers, query, body, text, contentType ?? bodyType, rules);
    }

    private static (JsonElement? Json, string? Text, string? ContentType) ReadBody(JsonElement message)
    {
        if (!message.TryGetProperty("body", out var body) || body.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (null, null, null);
        }

        // V4 wraps the body: {"content": ..., "contentType": ..., "encoded": false | "base64" | "json"}.
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("content", out var content) && body.TryGetProperty("contentType", out var type))
        {
            var encoded = body.TryGetProperty("encoded", out var e) ? e : default;
            if (content.ValueKind == JsonValueKind.String && encoded.ValueKind == JsonValueKind.String && encoded.GetString() == "base64")
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(content.GetString() ?? string.Empty));
                return (TryParse(text), text, type.GetString());
            }

            if (content.ValueKind == JsonValueKind.String)
            {
                var text = content.GetString() ?? string.Empty;
                return (TryParse(text), text, type.GetString());
            }

            return (content.Clone(), content.GetRawText(), type.GetString());
        }

        return (body.Clone(), body.GetRawText(), null);
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Values(JsonElement message, string name, bool splitCommas)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(splitCommas ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        if (!message.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var entry in map.EnumerateObject())
        {
            result[entry.Name] = entry.Value.ValueKind switch
            {
                JsonValueKind.Array => entry.Value.EnumerateArray().Select(v => v.ToString()).ToList(),
                // V3 writes repeated headers as one comma-joined string; Authorization never holds a comma list.
                JsonValueKind.String when splitCommas && !entry.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) =>
                    entry.Value.GetString()!.Split(',').Select(v => v.Trim()).ToList(),
                _ => [entry.Value.ToString()],
            };
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0].Replace('+', ' '));
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
            if (!result.TryGetValue(key, out var values))
            {
                result[key] = values = [];
            }

            values.Add(value);
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
