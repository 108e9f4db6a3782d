namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>What a node of the document is, as far as JSON Schema goes.</summary>
internal enum NodeKind
{
    Other,
    Components,
    Schema,
    SchemaMap,
    SchemaList,
}

/// <summary>
/// Tells schemas from other objects by where they sit: definitions and component schemas,
/// <c>schema</c> fields, and the subschema keywords of JSON Schema inside them.
/// </summary>
internal static class SchemaPositions
{
    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" };

    private static readonly HashSet<string> Subschemas = new(StringComparer.Ordinal)
    {
        "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema", "additionalItems",
    };

    private static readonly HashSet<string> SchemaLists = new(StringComparer.Ordinal) { "allOf", "anyOf", "oneOf", "prefixItems" };

    /// <summary>The kind of the value under <paramref name="key"/> of an object of kind <paramref name="parent"/>.</summary>
    public static NodeKind Child(NodeKind parent, string key, bool parentIsRoot) => parent switch
    {
        NodeKind.Other when parentIsRoot && key == "definitions" => NodeKind.SchemaMap,
        NodeKind.Other when parentIsRoot && key == "components" => NodeKind.Components,
        NodeKind.Other or NodeKind.Components when key == "schema" => NodeKind.Schema,
        NodeKind.Components when key == "schemas" => NodeKind.SchemaMap,
        NodeKind.SchemaMap => NodeKind.Schema,
        NodeKind.Schema when SchemaMaps.Contains(key) => NodeKind.SchemaMap,
        NodeKind.Schema when Subschemas.Contains(key) => NodeKind.Schema,
        NodeKind.Schema when SchemaLists.Contains(key) => NodeKind.SchemaList,
        _ => NodeKind.Other,
    };

    /// <summary>The kind of an item of an array of kind <paramref name="parent"/> (<c>items</c> may be a list in older drafts).</summary>
    public static NodeKind Item(NodeKind parent) => parent is NodeKind.SchemaList or NodeKind.Schema ? NodeKind.Schema : NodeKind.Other;

    /// <summary>The kind of the node at a pointer, read from the root.</summary>
    public static NodeKind Of(string pointer)
    {
        var kind = NodeKind.Other;
        var atRoot = true;
        foreach (var token in Pointers.Tokens(pointer))
        {
            // An integer under a schema is an item of a list-form 'items'.
            kind = kind == NodeKind.SchemaList || (kind == NodeKind.Schema && int.TryParse(token, out _))
                ? Item(kind)
                : Child(kind, token, atRoot);
            atRoot = false;
        }

        return kind;
    }

    /// <summary>Whether the value of a key of an object of this kind is data (an example, a default...), not document structure.</summary>
    public static bool IsData(NodeKind parent, string key) => parent != NodeKind.SchemaMap && OpenApiShape.DataKeys.Contains(key);
}
