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

        // Most bodies lack nothing: looked over first, copied only when something is to be filled.
        var view = document.View(schema);
        if (!Fill(body, view, 0, apply: false))
        {
            return body;
        }

        var copy = body.DeepClone();
        Fill(copy, view, 0, apply: true);
        return copy;
    }

    /// <summary>Whether a required readOnly property is missing below; with <paramref name="apply"/>, fills them all.</summary>
    private bool Fill(JsonNode? node, SchemaView view, int depth, bool apply)
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
                        if (!apply)
                        {
                            return true;
                        }

                        obj[property.Name] = _generator.Generate(property.Schema, depth);
                        changed = true;
                    }
                }
                else
                {
                    changed |= Fill(obj[property.Name], child, depth + 1, apply);
                    if (changed && !apply)
                    {
                        return true;
                    }
                }
            }
        }
        else if (node is JsonArray array && view.Items is { } items)
        {
            var itemView = document.View(items);
            foreach (var item in array)
            {
                changed |= Fill(item, itemView, depth + 1, apply);
                if (changed && !apply)
                {
                    return true;
                }
            }
        }

        return changed;
    }
}
