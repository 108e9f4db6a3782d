using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>The JSON Schema dialects a schema outside an OpenAPI document may be written in.</summary>
internal enum SchemaDialect
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
internal static class StandaloneSchema
{
    public const string Name = "schema";

    private const string RootPointer = "/components/schemas/" + Name;

    // Meta-schemas brought in stand beside the schema as meta-schema-1, meta-schema-2...
    private const string MetaSchemaPrefix = "meta-schema-";

    /// <summary>A document of one schema; its <c>#...</c> refs are rewritten to point inside it.</summary>
    public static ApiDocument Load(string schemaJson, SchemaDialect dialect, string source = "schema.json")
    {
        var schema = JsonNode.Parse(schemaJson);
        if (dialect == SchemaDialect.Draft4)
        {
            schema = Validation.Draft4.Upgrade(schema);
        }

        // Refs of the schema (by pointer, $id, $anchor) now point where it stands among the components,
        // and an official meta-schema it refers to stands beside it (a built-in copy: nothing is fetched).
        var components = new JsonObject { [Name] = schema };
        foreach (var (name, meta) in Validation.BaseUris.Resolve(schema, RootPointer, Validation.KnownMetaSchemas.Find, MetaSchemaPrefix))
        {
            components[name] = meta;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = source, ["version"] = "1" },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = components },
        };
        var normalized = JsonDocument.Parse(document.ToJsonString());
        var schemas = normalized.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .ToDictionary(c => c.Name, c => new Schema(c.Value, "/components/schemas/" + c.Name), StringComparer.Ordinal);
        return new ApiDocument(normalized, source, "3.1", [], schemas, new Dictionary<string, SecurityScheme>(), []);
    }
}
