using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

internal sealed partial class ResourceHandler
{
    private const int OverlayDepth = 3;

    /// <summary>
    /// What a client sent when creating or updating shows in later reads, wherever the schema declares it: at the
    /// top level, or in the nested object that declares a property of that name (a channel's <c>subscribe</c>
    /// holds the request's <c>label</c>). A value the schema does not admit there keeps the generated one.
    /// </summary>
    private JsonNode? WithOverlay(Schema schema, JsonNode? body, JsonObject? overlay)
    {
        if (overlay is null || body is not JsonObject root)
        {
            return body;
        }

        var placed = Place(schema, root, overlay);

        // Most clients send what the schema admits: one check of the whole body. Otherwise the body as generated
        // again, then value by value in the order sent, each kept only when the body with it is valid.
        if (placed.Count == 0 || Document.Validator.IsValid(schema, root, ValidationMode.Strict))
        {
            return root;
        }

        for (var i = placed.Count - 1; i >= 0; i--)
        {
            var (target, key, had, previous) = placed[i];
            if (had)
            {
                target[key] = previous;
            }
            else
            {
                target.Remove(key);
            }
        }

        foreach (var (key, value) in overlay)
        {
            if (key == "_links" || Holder(root, Document.View(schema), key, 0) is not { } target)
            {
                continue;
            }

            // A yes/no check: the errors of a refused value are never shown, and collecting them doubled its cost.
            var previous = target[key]?.DeepClone();
            target[key] = value?.DeepClone();
            if (!Document.Validator.IsValid(schema, root, ValidationMode.Strict))
            {
                target[key] = previous;
            }
        }

        return root;
    }

    /// <summary>
    /// The body of an item clients wrote, as every reader of it shows it (its GET, its lists, the write's answer):
    /// rendered, with what they sent laid over it. The first generated value is taken unchecked and the whole
    /// checked once, which spares the generator's own check of a body about to be checked again; when that fails,
    /// the checked rendering and the value-by-value overlay of <see cref="WithOverlay"/>.
    /// </summary>
    private JsonNode? Overlaid(Schema schema, ResourceAddress address, JsonObject? overlay, Scenario? scenario = null, ResourceAddress? identity = null)
    {
        if (overlay is not null && _renderer.RenderUnchecked(schema, address, scenario, identity) is JsonObject first)
        {
            Place(schema, first, overlay);
            if (Document.Validator.IsValid(schema, first, ValidationMode.Strict))
            {
                return first;
            }
        }

        return WithOverlay(schema, _renderer.Render(schema, address, scenario: scenario, identity: identity), overlay);
    }

    /// <summary>Lays every value sent where the schema declares it; what was there before, to undo it.</summary>
    private List<(JsonObject Target, string Key, bool Had, JsonNode? Previous)> Place(Schema schema, JsonObject root, JsonObject overlay)
    {
        var placed = new List<(JsonObject Target, string Key, bool Had, JsonNode? Previous)>();
        foreach (var (key, value) in overlay)
        {
            if (key == "_links" || Holder(root, Document.View(schema), key, 0) is not { } target)
            {
                continue;
            }

            placed.Add((target, key, target.ContainsKey(key), target[key]?.DeepClone()));
            target[key] = value?.DeepClone();
        }

        return placed;
    }

    /// <summary>The object that declares a property: this one, else the nearest nested object that does.</summary>
    private JsonObject? Holder(JsonObject node, SchemaView view, string key, int depth)
    {
        if (view.Property(key) is not null)
        {
            return node;
        }

        if (depth >= OverlayDepth)
        {
            return null;
        }

        foreach (var property in view.Properties.Where(p => p.Name != "_links"))
        {
            if (Document.View(property.Schema) is { IsObject: true } child && node[property.Name] is JsonObject nested
                && Holder(nested, child, key, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>What clients sent for an item, with the changes of this request merged in (the state after it).</summary>
    private static JsonObject? Merged(ResourceState state, string path, JsonObject? changes)
    {
        var merged = state.Overlay(path);
        if (changes is null)
        {
            return merged;
        }

        merged ??= [];
        foreach (var (key, value) in changes)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }
}
