using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// A request body as its schema judges it: OpenAPI says a required property that is <c>readOnly</c> is required in
/// responses only, so a client that leaves it out of a request is right. The copy that is validated gets a value
/// there; what the client sent is kept as sent.
/// </summary>
internal sealed class ReadOnlyFill(ApiDocument document)
{
    private const int MaxDepth = 6;

    private readonly PayloadGenerator _generator = new(document);

    /// <summary>The body with the required readOnly properties it lacks filled in; the body itself when it lacks none.</summary>
    public JsonNode? Complete(Schema schema, JsonNode? body)
    {
        if (body is not JsonObject)
        {
            return body;
        }

        var copy = body.DeepClone();
        return Fill(copy, document.View(schema), 0) ? copy : body;
    }

    private bool Fill(JsonNode? node, SchemaView view, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var changed = false;
        if (node is JsonObject obj)
        {
            foreach (var property in view.Properties)
            {
                var child = document.View(property.Schema);
                if (!obj.ContainsKey(property.Name))
                {
                    if (property.Required && child.ReadOnly)
                    {
                        obj[property.Name] = _generator.Generate(property.Schema, depth);
                        changed = true;
                    }
                }
                else
                {
                    changed |= Fill(obj[property.Name], child, depth + 1);
                }
            }
        }
        else if (node is JsonArray array && view.Items is { } items)
        {
            var itemView = document.View(items);
            foreach (var item in array)
            {
                changed |= Fill(item, itemView, depth + 1);
            }
        }

        return changed;
    }
}
