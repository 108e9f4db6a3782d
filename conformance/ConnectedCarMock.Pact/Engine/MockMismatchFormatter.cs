using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Turns the mock server's mismatch JSON (<c>missing-request</c>, <c>request-not-found</c>,
/// <c>request-mismatch</c> entries) into one line per problem, keeping the engine's own wording.
/// </summary>
internal static class MockMismatchFormatter
{
    public static IReadOnlyList<string> Format(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ["the mock server reported a failure but no mismatch details"];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [json];
            }

            var lines = document.RootElement.EnumerateArray().Select(Describe).ToList();
            return lines.Count == 0 ? ["the mock server reported a failure but no mismatch details"] : lines;
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static string Describe(JsonElement entry)
    {
        var type = Text(entry, "type");
        var request = $"{Text(entry, "method")} {Text(entry, "path")}".Trim();
        return type switch
        {
            "missing-request" => $"expected request was never made: {request}",
            "request-not-found" => $"unexpected request: {request}",
            "request-mismatch" => $"request {request} did not match: {Details(entry)}",
            _ => entry.GetRawText(),
        };
    }

    private static string Details(JsonElement entry)
    {
        if (!entry.TryGetProperty("mismatches", out var mismatches) || mismatches.ValueKind != JsonValueKind.Array)
        {
            return entry.GetRawText();
        }

        return string.Join("; ", mismatches.EnumerateArray().Select(m =>
            Text(m, "mismatch") is { Length: > 0 } text ? text : m.GetRawText()));
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText()
            : string.Empty;
}
