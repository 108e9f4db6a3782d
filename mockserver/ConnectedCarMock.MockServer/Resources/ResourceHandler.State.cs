using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>Creates, updates and deletes: what clients send is stored, and every answer is what the next read shows.</summary>
internal sealed partial class ResourceHandler
{
    private async ValueTask<ResourceResult> CreateAsync(ResourceCollection collection, ResourceAddress address, JsonNode? requestBody, MediaType? media, int status)
    {
        var parentValues = address.Values;
        var order = await _store.NextOrderAsync();
        var id = World.CreatedId(collection, parentValues, order);
        var values = new Dictionary<string, string>(parentValues, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        var itemAddress = new ResourceAddress(collection.Item!, values);
        var sent = requestBody as JsonObject;
        await _store.AddAsync(new CreatedResource(FleetWorld.Identity(collection.List, parentValues), id, order, itemAddress.Path, sent));
        var body = media?.Schema is { } schema ? AsRead(schema, itemAddress, collection, sent) : null;
        return new ResourceResult(status, media, () => body, Location: itemAddress.Path);
    }

    private async ValueTask<ResourceResult> UpdateAsync(ResourceAddress address, ResourceCollection collection, JsonNode? requestBody, MediaType? media, int status, ResourceState state)
    {
        var changes = requestBody as JsonObject;
        if (changes is not null)
        {
            await _store.UpdateAsync(address.Path, changes);
        }

        var body = media?.Schema is { } schema ? AsRead(schema, address, collection, Merged(state, address.Path, changes)) : null;
        return new ResourceResult(status, media, () => body);
    }

    /// <summary>
    /// A write to a part of an item (<c>PUT /channels/{chId}/status</c>): the item keeps the values set, so its next
    /// read shows them, and the answer is the item's (its id, its values) in the shape the operation documents.
    /// </summary>
    private async ValueTask<ResourceResult> UpdateSubResourceAsync(ResourceAddress address, ResourceAddress owner, JsonNode? requestBody, MediaType? media, int status, ResourceState state)
    {
        var changes = requestBody as JsonObject;
        if (changes is not null)
        {
            await _store.UpdateAsync(owner.Path, changes);
        }

        var overlay = Merged(state, owner.Path, changes);
        var body = media?.Schema is { } schema ? Overlaid(schema, address, overlay, identity: owner) : null;
        return new ResourceResult(status, media, () => body);
    }

    /// <summary>A read of a part of an item: rendered as the item, with what clients set on it.</summary>
    private ResourceResult SubResourceResult(int status, MediaType? media, ResourceAddress address, ResourceAddress owner, Scenario? scenario, ResourceState state)
    {
        ResourceKey? key = media?.Schema is { } schema ? ResourceKey.Item(schema.Pointer, address.Path, state.HasOverlay(owner.Path) ? state.Version : 0, scenario?.Name) : null;
        return new ResourceResult(
            status,
            media,
            () => media?.Schema is not { } s ? null : _renders.GetOrAdd(key!.Value, _ => Overlaid(s, address, state.Overlay(owner.Path), scenario, owner)),
            Key: key);
    }

    /// <summary>Deletes an item; where the document answers a DELETE with a body, it is the item as it was.</summary>
    private async ValueTask<ResourceResult> DeleteAsync(ResourceAddress address, ResourceCollection collection, MediaType? media, int status, ResourceState state)
    {
        await _store.DeleteAsync(address.Path);
        var body = media?.Schema is { } schema ? AsRead(schema, address, collection, state.Overlay(address.Path)) : null;
        return new ResourceResult(status, body is null ? null : media, body is null ? null : () => body);
    }

    /// <summary>
    /// The body of an item in the shape a write operation answers with, equal to what its read shows: the
    /// read's own body when the shapes are the same; otherwise rendered alike (same seed) with the values the
    /// two shapes share taken from the read. Like <see cref="Overlaid"/>, the first generated answer is taken
    /// unchecked and checked once with everything laid over it; the checked path when that fails.
    /// </summary>
    private JsonNode? AsRead(Schema schema, ResourceAddress address, ResourceCollection collection, JsonObject? overlay)
    {
        var readSchema = collection.ItemOperation?.SuccessResponses.FirstOrDefault()?.Content.FirstOrDefault(m => m.Schema is not null)?.Schema;
        var read = readSchema is null ? null : Overlaid(readSchema, address, overlay);
        if (read is not null && readSchema!.Pointer == schema.Pointer)
        {
            return read;
        }

        if (_renderer.RenderUnchecked(schema, address) is JsonObject first)
        {
            if (overlay is not null)
            {
                Place(schema, first, overlay);
            }

            if (read is JsonObject shared)
            {
                foreach (var (key, value, _) in Shared(first, shared))
                {
                    first[key] = value?.DeepClone();
                }
            }

            if (Document.Validator.IsValid(schema, first, ValidationMode.Strict))
            {
                return first;
            }
        }

        var body = WithOverlay(schema, _renderer.Render(schema, address), overlay);
        if (body is JsonObject target && read is JsonObject source)
        {
            TakeShared(schema, target, source);
        }

        return body;
    }

    /// <summary>
    /// The values the answer shares with the read, taken from the read: all at once when the answer stays valid
    /// (one check, the usual case), otherwise one by one, each kept only when the answer with it is valid.
    /// </summary>
    private void TakeShared(Schema schema, JsonObject target, JsonObject source)
    {
        var shared = Shared(target, source);
        foreach (var (key, value, _) in shared)
        {
            target[key] = value?.DeepClone();
        }

        if (shared.Count == 0 || Document.Validator.IsValid(schema, target, ValidationMode.Strict))
        {
            return;
        }

        foreach (var (key, _, previous) in shared)
        {
            target[key] = previous?.DeepClone();
        }

        foreach (var (key, value, previous) in shared)
        {
            target[key] = value?.DeepClone();
            if (!Document.Validator.IsValid(schema, target, ValidationMode.Strict))
            {
                target[key] = previous?.DeepClone();
            }
        }
    }

    /// <summary>The values of the read the answer also has, with a different value; and the answer's value before.</summary>
    private static List<(string Key, JsonNode? Value, JsonNode? Previous)> Shared(JsonObject target, JsonObject source) =>
        source.Where(p => p.Key != "_links" && target.ContainsKey(p.Key) && !JsonNode.DeepEquals(target[p.Key], p.Value))
            .Select(p => (p.Key, p.Value, Previous: target[p.Key]?.DeepClone()))
            .ToList();
}
