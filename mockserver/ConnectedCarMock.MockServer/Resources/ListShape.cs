using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Where a list response keeps its items: an array under HAL <c>_embedded</c>, a top-level array
/// property, or the body itself. Null for responses that are not lists.
/// </summary>
internal sealed record ListShape(string? Container, string? Array, Schema Items)
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

        return ArrayIn(document, view) is { } top ? new ListShape(null, top.Name, top.Items) : null;
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
