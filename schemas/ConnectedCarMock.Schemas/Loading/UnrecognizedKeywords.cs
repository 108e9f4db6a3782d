using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// OpenAPI.NET keeps the keywords of a schema it does not model (a nested <c>definitions</c>, a typo) but
/// writes them under an <c>unrecognizedKeywords</c> object, which no JSON Schema tool knows. They are put
/// back where the document wrote them.
/// </summary>
internal static class UnrecognizedKeywords
{
    public const string Key = "unrecognizedKeywords";

    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas" };

    public static void Flatten(JsonNode? node, string? parentKey = null)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!NameMaps.Contains(parentKey ?? string.Empty) && obj[Key] is JsonObject keywords)
                {
                    obj.Remove(Key);
                    foreach (var (key, value) in keywords.ToList())
                    {
                        keywords.Remove(key);
                        obj.TryAdd(key, value);
                    }
                }

                foreach (var (key, child) in obj)
                {
                    Flatten(child, key);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Flatten(item);
                }

                break;
        }
    }
}
