using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Where a list response keeps its items: an array under HAL <c>_embedded</c>, a top-level array
/// property, the body itself, or the values of a map keyed by item id (<see cref="Map"/>). Null for
/// responses that are not lists.
/// </summary>
internal sealed record ListShape(string? Container, string? Array, Schema Items, bool Map = false)
{
    public static ListShape? Of(ApiDocument document, Schema schema)
    {
        var view = document.View(schema);
        if (view.Is("array") && view.Items is { } rootItems)
        {
            return new ListShape(null, null, rootItems);
        }

        if (view.Property("_embedded") is { } embedded && ArrayIn(document, document.View(embedded.Schema)) is { } inner)
        {
            return new ListShape("_embedded", inner.Name, inner.Items);
        }

        if (ArrayIn(document, view) is { } top)
        {
            return new ListShape(null, top.Name, top.Items);
        }

        // An object that declares no property and whose values are objects: a map keyed by item id (Ditto's features).
        return view.Properties.Count == 0 && view.PatternProperties.Count == 0 && view.PropertyNames is null
            && view.AdditionalPropertiesSchema is { } values && document.View(values) is var item && (item.Is("object") || item.Properties.Count > 0)
            ? new ListShape(null, null, values, Map: true)
            : null;
    }

    private static (string Name, Schema Items)? ArrayIn(ApiDocument document, SchemaView view)
    {
        foreach (var property in view.Properties.Where(p => p.Name != "_links"))
        {
            var propertyView = document.View(property.Schema);
            if (propertyView.Is("array") && propertyView.Items is { } items)
            {
                return (property.Name, items);
            }
        }

        return null;
    }
}
