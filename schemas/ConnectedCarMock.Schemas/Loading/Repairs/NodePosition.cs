namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>Where an object sits in the document, as the node repairs need to know it.</summary>
/// <param name="Pointer">JSON pointer of the object.</param>
/// <param name="ParentKey">Key of the object in its parent; <c>schema-list</c> for an item of <c>allOf</c>, <c>oneOf</c>, <c>anyOf</c> or <c>prefixItems</c>; null for other array items.</param>
/// <param name="Kind">What the object is for JSON Schema: a schema, a map of schemas (<c>properties</c>), or something else.</param>
internal readonly record struct NodePosition(string Pointer, string? ParentKey, NodeKind Kind)
{
    /// <summary>Whether the object is a JSON Schema (a definition, a <c>schema</c>, a property, an item...).</summary>
    public bool IsSchema => Kind == NodeKind.Schema;
}
