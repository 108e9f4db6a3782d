using System.Text;
using System.Text.Json;

namespace ConnectedCarMock.Pact;

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

    /// <summary>A body (<c>body</c> of HTTP, <c>contents</c> of messages): plain JSON, or V4's wrapper with its content type.</summary>
    internal static (JsonElement? Json, string? Text, string? ContentType) ReadBody(JsonElement message, string property = "body")
    {
        if (!message.TryGetProperty(property, out var body) || body.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
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
