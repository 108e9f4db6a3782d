using System.Text.Json;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// Fixed tokens for users who cannot mint JWTs: a JSON object from token to its scopes, as one
/// space-separated string or as an array: <c>{"dev-all": "data:telemetry data:trip", "dev-none": []}</c>.
/// </summary>
internal static class StaticTokens
{
    public static IReadOnlyDictionary<string, ScopeSet> Load(string? file)
    {
        if (file is null)
        {
            return new Dictionary<string, ScopeSet>(StringComparer.Ordinal);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file}: static tokens must be a JSON object of token to scopes");
        }

        var tokens = new Dictionary<string, ScopeSet>(StringComparer.Ordinal);
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            tokens[entry.Name] = entry.Value.ValueKind switch
            {
                JsonValueKind.String => ScopeSet.Parse(entry.Value.GetString()),
                JsonValueKind.Array => new ScopeSet(entry.Value.EnumerateArray().Select(s => s.GetString() ?? string.Empty)),
                _ => throw new InvalidDataException($"{file}: scopes of '{entry.Name}' must be a string or an array"),
            };
        }

        return tokens;
    }
}
