using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Validation;

/// <summary>
/// Draft 4 in draft 2020-12 words: boolean exclusive bounds become numbers, tuple <c>items</c> become
/// <c>prefixItems</c> (and <c>additionalItems</c> the rest), <c>dependencies</c> split into
/// <c>dependentRequired</c>/<c>dependentSchemas</c>, and a <c>$ref</c> hides its siblings as draft 4 says.
/// </summary>
internal static class Draft4
{
    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "definitions", "$defs"];
    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf"];
    private static readonly string[] SchemaValues = ["not", "additionalProperties", "additionalItems", "items"];

    public static JsonNode? Upgrade(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema?.DeepClone();
        }

        if (obj["$ref"] is { } reference)
        {
            // Draft 4 ignores what stands beside a $ref; definitions stay reachable for other refs.
            var only = new JsonObject { ["$ref"] = reference.DeepClone() };
            if (obj["definitions"] is JsonObject definitions)
            {
                only["definitions"] = Map(definitions);
            }

            return only;
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "id" when value is JsonValue id && id.TryGetValue<string>(out var uri):
                    // Draft 4 "id" is 2020-12 "$id", and a plain-name fragment ("#foo") is an "$anchor".
                    var hash = uri.IndexOf('#', StringComparison.Ordinal);
                    if (hash != 0)
                    {
                        result["$id"] = hash < 0 ? uri : uri[..hash];
                    }

                    if (hash >= 0 && hash < uri.Length - 1 && uri[hash + 1] != '/')
                    {
                        result["$anchor"] = uri[(hash + 1)..];
                    }

                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                    if (value is JsonValue flag && flag.TryGetValue<bool>(out var exclusive) && exclusive && obj[bound] is { } limit)
                    {
                        result[key] = limit.DeepClone();
                    }

                    break;
                case "minimum" or "maximum" when obj[key == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum"] is JsonValue f && f.TryGetValue<bool>(out var x) && x:
                    break;
                case "items" when value is JsonArray tuple:
                    result["prefixItems"] = new JsonArray(tuple.Select(Upgrade).ToArray());
                    if (obj["additionalItems"] is { } rest)
                    {
                        result["items"] = Upgrade(rest);
                    }

                    break;
                case "additionalItems":
                    break; // only meaningful beside tuple items, handled there
                case "dependencies" when value is JsonObject dependencies:
                    foreach (var (name, dependency) in dependencies)
                    {
                        var target = dependency is JsonArray ? "dependentRequired" : "dependentSchemas";
                        var map = result[target] as JsonObject ?? new JsonObject();
                        result[target] = map;
                        map[name] = dependency is JsonArray ? dependency.DeepClone() : Upgrade(dependency);
                    }

                    break;
                case var k when SchemaMaps.Contains(k) && value is JsonObject children:
                    result[k] = Map(children);
                    break;
                case var k when SchemaLists.Contains(k) && value is JsonArray list:
                    result[k] = new JsonArray(list.Select(Upgrade).ToArray());
                    break;
                case var k when SchemaValues.Contains(k):
                    result[k] = Upgrade(value);
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        return result;
    }

    private static JsonObject Map(JsonObject children)
    {
        var map = new JsonObject();
        foreach (var (name, child) in children)
        {
            map[name] = Upgrade(child);
        }

        return map;
    }
}
