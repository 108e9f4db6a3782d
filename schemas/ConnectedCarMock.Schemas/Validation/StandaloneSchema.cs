using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>The JSON Schema dialects a schema outside an OpenAPI document may be written in.</summary>
public enum SchemaDialect
{
    /// <summary>Draft 2020-12 (the dialect of OpenAPI 3.1).</summary>
    Draft202012,

    /// <summary>Draft 4 (the base of OpenAPI 3.0 and Swagger 2.0): boolean exclusive bounds, tuple <c>items</c>, <c>dependencies</c>, <c>$ref</c> hiding its siblings.</summary>
    Draft4,
}

/// <summary>
/// A JSON Schema outside any OpenAPI document, as a document holding that one schema
/// (<c>#/components/schemas/schema</c>), so that views, the validator and the generator work on
/// it as on a document's schemas. Draft 4 is rewritten in draft 2020-12 words on the way in.
/// </summary>
public static class StandaloneSchema
{
    public const string Name = "schema";

    private const string RootPointer = "/components/schemas/" + Name;

    private const string Root = "#" + RootPointer;

    /// <summary>A document of one schema; its <c>#...</c> refs are rewritten to point inside it.</summary>
    public static ApiDocument Load(string schemaJson, SchemaDialect dialect, string source = "schema.json")
    {
        var schema = JsonNode.Parse(schemaJson);
        if (dialect == SchemaDialect.Draft4)
        {
            schema = Validation.Draft4.Upgrade(schema);
        }

        Validation.BaseUris.Resolve(schema, RootPointer);
        RewriteRefs(schema);
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = source, ["version"] = "1" },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = new JsonObject { [Name] = schema } },
        };
        var normalized = JsonDocument.Parse(document.ToJsonString());
        var root = normalized.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(Name);
        var schemas = new Dictionary<string, Schema>(StringComparer.Ordinal) { [Name] = new Schema(root, "/components/schemas/" + Name) };
        return new ApiDocument(normalized, source, "3.1", [], schemas, new Dictionary<string, SecurityScheme>(), []);
    }

    // Refs relative to the schema's root ("#", "#/$defs/a") now live under the components.
    private static void RewriteRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("$schema");
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var reference) && reference.StartsWith('#')
                        && !reference.StartsWith(Root, StringComparison.Ordinal))
                    {
                        obj["$ref"] = reference == "#" ? Root : reference.StartsWith("#/", StringComparison.Ordinal) ? Root + reference[1..] : reference;
                    }
                    else if (key is not ("enum" or "const" or "default" or "examples" or "example"))
                    {
                        RewriteRefs(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteRefs(item);
                }

                break;
        }
    }
}
