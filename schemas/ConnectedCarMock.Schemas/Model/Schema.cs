using System.Text.Json;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// A JSON Schema inside a loaded document, in OpenAPI 3.1 form: its JSON and its JSON pointer
/// in the normalized document. <c>$ref</c>s point into <c>#/components/schemas</c>.
/// </summary>
internal sealed class Schema
{
    internal Schema(JsonElement json, string pointer)
    {
        Json = json;
        Pointer = pointer;
    }

    public JsonElement Json { get; }

    public string Pointer { get; }

    /// <summary>The component name when the schema is just a <c>$ref</c> to one, else null.</summary>
    public string? ComponentName =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("$ref", out var r) && r.GetString() is { } s
        && s.StartsWith(ApiDocument.SchemaRefPrefix, StringComparison.Ordinal)
            ? s[ApiDocument.SchemaRefPrefix.Length..]
            : null;

    /// <summary>A subschema by JSON pointer tokens, e.g. <c>At("properties", "vin")</c>.</summary>
    public Schema At(params string[] tokens)
    {
        var json = Json;
        var pointer = Pointer;
        foreach (var token in tokens)
        {
            json = json.ValueKind switch
            {
                JsonValueKind.Object when json.TryGetProperty(token, out var child) => child,
                JsonValueKind.Array when int.TryParse(token, out var i) && i >= 0 && i < json.GetArrayLength() => json[i],
                _ => throw new KeyNotFoundException($"{pointer} has no '{token}'"),
            };
            pointer = Loading.Pointers.Append(pointer, token);
        }

        return new Schema(json, pointer);
    }

    public override string ToString() => Pointer;
}
