using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Validation;

/// <summary>
/// Translates OpenAPI schemas into JSON Schema draft 2020-12 for Json.Schema.Net: 3.0
/// <c>nullable</c> and boolean exclusive bounds, annotation-only OpenAPI keywords, OpenAPI
/// formats (<c>int32</c>, <c>float</c>...) that JSON Schema does not assert, and component refs.
/// </summary>
internal static class SchemaTranslator
{
    // Formats Json.Schema.Net asserts; others are OpenAPI hints (int32, float, binary...) and are dropped.
    private static readonly HashSet<string> AssertedFormats = new(StringComparer.Ordinal)
    {
        "date", "date-time", "time", "duration", "email", "hostname", "ipv4", "ipv6",
        "uri", "uri-reference", "uri-template", "uuid", "json-pointer", "relative-json-pointer", "regex", "iri", "iri-reference",
    };

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "example", "examples", "discriminator", "xml", "externalDocs", "nullable", "description", "title",
        "$comment", "deprecated", "readOnly", "writeOnly", "default", "contentMediaType", "contentEncoding",
    };

    /// <param name="refBase">Prefix that replaces <c>#/components/schemas/</c> in refs (e.g. <c>#/$defs/</c>).</param>
    /// <param name="exists">Whether a local ref resolves in the document: one that does not constrains nothing (the generator reads it so too).</param>
    public static JsonNode Translate(JsonElement schema, ValidationMode mode, string refBase, Func<string, bool> exists) =>
        TranslateNode(schema, mode, refBase, exists);

    private static JsonNode TranslateNode(JsonElement schema, ValidationMode mode, string refBase, Func<string, bool> exists)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                return JsonValue.Create(schema.ValueKind == JsonValueKind.True);
            case JsonValueKind.Object:
                break;
            default:
                return new JsonObject();
        }

        var result = new JsonObject();
        var nullable = schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True;
        foreach (var property in schema.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            if (Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            switch (key)
            {
                case "$ref":
                    var reference = value.GetString() ?? string.Empty;
                    if (reference.StartsWith('#') && !exists(reference))
                    {
                        break;
                    }

                    // Draft 4 "definitions" are kept as 2020-12 "$defs", where Json.Schema.Net resolves pointers.
                    result["$ref"] = reference.StartsWith(ApiDocument.SchemaRefPrefix, StringComparison.Ordinal)
                        ? refBase + reference[ApiDocument.SchemaRefPrefix.Length..].Replace("/definitions/", "/$defs/", StringComparison.Ordinal)
                        : reference;
                    break;
                case "format":
                    if (value.GetString() is { } format && AssertedFormats.Contains(format))
                    {
                        result["format"] = format;
                    }

                    break;
                case "exclusiveMinimum" or "exclusiveMaximum" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                    if (value.ValueKind == JsonValueKind.True && schema.TryGetProperty(bound, out var limit))
                    {
                        result[key] = JsonNode.Parse(limit.GetRawText());
                        result.Remove(bound);
                    }

                    break;
                case "minimum" or "maximum" when IsExclusiveFlag(schema, key):
                    break;
                case "additionalProperties" or "unevaluatedProperties" when mode == ValidationMode.Tolerant && value.ValueKind == JsonValueKind.False:
                    break;
                case "pattern" when value.GetString() is { } pattern:
                    result["pattern"] = PatternMatch.ForDotNet(pattern);
                    break;
                case "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas":
                    var map = result[key == "definitions" ? "$defs" : key] as JsonObject ?? new JsonObject();
                    foreach (var entry in value.EnumerateObject())
                    {
                        map[key == "patternProperties" ? PatternMatch.ForDotNet(entry.Name) : entry.Name] = TranslateNode(entry.Value, mode, refBase, exists);
                    }

                    result[key == "definitions" ? "$defs" : key] = map;
                    break;
                case "allOf" or "anyOf" or "oneOf" or "prefixItems":
                    result[key] = new JsonArray(value.EnumerateArray().Select(s => (JsonNode?)TranslateNode(s, mode, refBase, exists)).ToArray());
                    break;
                case "items" or "additionalProperties" or "unevaluatedProperties" or "not" or "contains" or "propertyNames"
                    or "if" or "then" or "else" or "additionalItems" or "unevaluatedItems":
                    result[key] = value.ValueKind == JsonValueKind.Array
                        ? new JsonArray(value.EnumerateArray().Select(s => (JsonNode?)TranslateNode(s, mode, refBase, exists)).ToArray())
                        : TranslateNode(value, mode, refBase, exists);
                    break;
                case "type" when nullable:
                    result["type"] = WithNull(value);
                    break;
                default:
                    result[key] = JsonNode.Parse(value.GetRawText());
                    break;
            }
        }

        // OpenAPI 3.0 "nullable" on an enum admits null; normalization to 3.1 only keeps it in "type".
        if ((nullable || AdmitsNull(result["type"])) && result["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return result;
    }

    private static bool AdmitsNull(JsonNode? type) =>
        type is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");

    private static bool IsExclusiveFlag(JsonElement schema, string bound)
    {
        var flag = bound == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum";
        return schema.TryGetProperty(flag, out var f) && f.ValueKind == JsonValueKind.True;
    }

    private static JsonNode WithNull(JsonElement type)
    {
        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToList()
            : [type.GetString() ?? string.Empty];
        if (!types.Contains("null"))
        {
            types.Add("null");
        }

        return new JsonArray(types.Select(t => (JsonNode?)t).ToArray());
    }
}
