using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// After the repairs, the shapes OpenAPI.NET does not check before it trips over them: a schema that is
/// not an object, a <c>$ref</c> that is not a string, a number keyword that is not a number, a media
/// type that is not an object. Each is an error naming its line, instead of a crash deep in a reader.
/// </summary>
internal static class ShapeChecks
{
    public static readonly HashSet<string> NumberKeywords = new(StringComparer.Ordinal)
    {
        "minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
    };

    /// <summary>Keywords whose value OpenAPI.NET reads as a boolean or a schema.</summary>
    private static readonly HashSet<string> BooleanOrSchema = new(StringComparer.Ordinal) { "additionalProperties", "unevaluatedProperties" };

    public static void Check(JsonObject root, RepairContext context) => Check(root, string.Empty, NodeKind.Other, null, context);

    private static void Check(JsonNode? node, string pointer, NodeKind kind, string? parentKey, RepairContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (SchemaPositions.IsData(kind, key) || (kind != NodeKind.SchemaMap && key.StartsWith("x-", StringComparison.Ordinal)))
                    {
                        continue; // data and extensions hold anything
                    }

                    var at = Pointers.Append(pointer, key);
                    var childKind = kind == NodeKind.SchemaMap ? NodeKind.Schema : SchemaPositions.Child(kind, key, pointer.Length == 0);
                    CheckValue(key, child, at, kind, childKind, parentKey, context);
                    if (BooleanStrings.IsFlag(key, new NodePosition(pointer, parentKey, kind), context) && child?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw context.Error(at, $"'{key}' is {Describe(child)}: it must be true or false");
                    }

                    Check(child, at, childKind, key, context);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = Pointers.Append(pointer, i);
                    var itemKind = SchemaPositions.Item(kind);
                    if (itemKind == NodeKind.Schema && array[i] is not JsonObject)
                    {
                        throw context.Error(at, $"item {i} of '{parentKey}' is {Describe(array[i])} where a schema (an object) belongs");
                    }

                    Check(array[i], at, itemKind, null, context);
                }

                break;
        }
    }

    private static void CheckValue(string key, JsonNode? value, string at, NodeKind kind, NodeKind childKind, string? parentKey, RepairContext context)
    {
        var problem = (key, childKind) switch
        {
            ("$ref", _) when value is not JsonValue v || v.GetValueKind() != JsonValueKind.String => "$ref must be a string",
            (_, NodeKind.Schema) when value is not JsonObject && !(BooleanOrSchema.Contains(key) && value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                => "a schema (an object) belongs here",
            (_, NodeKind.SchemaMap) when value is not JsonObject => "a map of schemas (an object) belongs here",
            (_, NodeKind.SchemaList) when value is not JsonArray => "a list of schemas belongs here",
            _ when kind == NodeKind.Schema && NumberKeywords.Contains(key) && value?.GetValueKind() != JsonValueKind.Number => "it must be a number",
            _ when parentKey == "content" && kind == NodeKind.Other && value is not JsonObject => "a media type object belongs here",
            _ => null,
        };
        if (problem is not null)
        {
            throw context.Error(at, $"'{key}' is {Describe(value)}: {problem}");
        }
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {Short(value.ToJsonString())}",
            JsonValueKind.Number => $"the number {Short(value.ToJsonString())}",
            _ => value.ToJsonString(),
        },
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
