namespace ConnectedCarMock.Schemas.Tests;

/// <summary>
/// The (JSON property path, types) pairs a schema describes, with refs followed and allOf merged:
/// two documents describe the same payloads when their shapes are equal.
/// </summary>
internal static class SchemaShape
{
    public static SortedSet<string> Of(ApiDocument document, Schema schema, int maxDepth = 7)
    {
        var shape = new SortedSet<string>(StringComparer.Ordinal);
        Walk(document, schema, "$", 0, maxDepth, shape);
        return shape;
    }

    private static void Walk(ApiDocument document, Schema schema, string path, int depth, int maxDepth, SortedSet<string> shape)
    {
        var view = document.View(schema);
        var types = view.Types.Where(t => t != "null").ToList();
        if (types.Count == 0 && view.Properties.Count > 0)
        {
            types.Add("object");
        }

        shape.Add($"{path}: {string.Join('|', types.Select(t => t == "integer" ? "number" : t).Distinct().Order(StringComparer.Ordinal))}");
        if (depth >= maxDepth)
        {
            return;
        }

        foreach (var property in view.Properties)
        {
            Walk(document, property.Schema, $"{path}.{property.Name}{(property.Required ? "!" : string.Empty)}", depth + 1, maxDepth, shape);
        }

        if (view.Items is { } items)
        {
            Walk(document, items, path + "[]", depth + 1, maxDepth, shape);
        }

        // Alternatives are a set: two identical branches describe the same payloads as one.
        foreach (var branch in view.OneOf.Concat(view.AnyOf))
        {
            Walk(document, branch, path + "<alternative>", depth + 1, maxDepth, shape);
        }
    }
}
