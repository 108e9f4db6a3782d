using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// In OpenAPI 3.0 a schema <c>$ref</c> replaces its object, so keys beside it are ignored by the standard
/// (30 in the published document): they are dropped, <c>description</c> and <c>summary</c> excepted.
/// </summary>
internal sealed class RefSiblings : NodeRepair
{
    public override string Code => "ref-siblings";

    public override string Summary => "drops the keys next to a schema $ref in OpenAPI 3.0 documents (ignored by the standard), keeping description and summary";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (!context.IsOas30 || !node.ContainsKey("$ref") || node.Count <= 1 || !IsSchemaPosition(at.Pointer))
        {
            return;
        }

        var dropped = node.Where(p => p.Key is not "$ref" and not "description" and not "summary").Select(p => p.Key).ToList();
        if (dropped.Count == 0)
        {
            return;
        }

        foreach (var key in dropped)
        {
            node.Remove(key);
        }

        context.Report(this, at.Pointer, $"removed {string.Join(", ", dropped.Select(k => $"'{k}'"))} next to $ref (ignored in OpenAPI 3.0)");
    }

    private static bool IsSchemaPosition(string pointer) =>
        pointer.Contains("/schemas/", StringComparison.Ordinal) || pointer.Contains("/schema", StringComparison.Ordinal)
        || pointer.Contains("/properties/", StringComparison.Ordinal) || pointer.EndsWith("/items", StringComparison.Ordinal);
}
