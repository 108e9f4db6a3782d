using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

internal sealed partial class SchemaViews
{
    private static List<Schema> Branches(Schema part, string keyword, JsonElement array) =>
        Enumerable.Range(0, array.GetArrayLength()).Select(i => part.At(keyword, i.ToString(CultureInfo.InvariantCulture))).ToList();

    // Several schemas that must all hold, as one: their allOf (a copy of each, whose refs are absolute).
    private static Schema Synthetic(IReadOnlyList<Schema> schemas, string key)
    {
        var json = new JsonObject { ["allOf"] = new JsonArray(schemas.Select(s => JsonNode.Parse(s.Json.GetRawText())).ToArray()) };
        return new Schema(JsonSerializer.SerializeToElement(json), key);
    }

    private static HashSet<string>? TypesOf(JsonElement json)
    {
        if (!json.TryGetProperty("type", out var type))
        {
            return null;
        }

        var set = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { type.GetString() ?? string.Empty };
        if (json.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            set.Add("null");
        }

        return set;
    }

    // An integer is a number: {number} ∩ {integer} is {integer}.
    private static HashSet<string> IntersectTypes(HashSet<string> a, HashSet<string> b)
    {
        var result = a.Intersect(b).ToHashSet(StringComparer.Ordinal);
        if ((a.Contains("integer") && b.Contains("number")) || (a.Contains("number") && b.Contains("integer")))
        {
            result.Add("integer");
        }

        return result;
    }

    private static decimal? ExclusiveBound(JsonElement json, string flag, string bound) =>
        json.TryGetProperty(flag, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
                JsonValueKind.True => Number(json, bound),
                _ => null,
            }
            : null;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

    private static int? Integer(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)
            ? (int)Math.Clamp(Math.Ceiling(d), int.MinValue, int.MaxValue)
            : null;

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? MaxInt(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? MinInt(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
