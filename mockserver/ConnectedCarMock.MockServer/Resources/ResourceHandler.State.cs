using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

internal sealed partial class ResourceHandler
{
    private async ValueTask<ResourceResult> CreateAsync(ResourceCollection collection, ResourceAddress address, JsonNode? requestBody, MediaType? media, int status)
    {
        var parentValues = address.Values;
        var order = await _store.NextOrderAsync();
        var id = World.CreatedId(collection, parentValues, order);
        var values = new Dictionary<string, string>(parentValues, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        var itemAddress = new ResourceAddress(collection.Item!, values);
        await _store.AddAsync(new CreatedResource(FleetWorld.Identity(collection.List, parentValues), id, order, itemAddress.Path, requestBody as JsonObject));
        var body = media?.Schema is { } schema ? _renderer.Render(schema, itemAddress, salt: "created") : null;
        return new ResourceResult(status, media, () => body, Location: itemAddress.Path);
    }

    private async ValueTask<ResourceResult> UpdateAsync(ResourceAddress address, JsonNode? requestBody, MediaType? media, int status)
    {
        if (requestBody is JsonObject changes)
        {
            await _store.UpdateAsync(address.Path, changes);
        }

        var body = media?.Schema is { } schema ? _renderer.Render(schema, address, salt: "updated") : null;
        return new ResourceResult(status, media, () => body);
    }

    private async ValueTask<ResourceResult> DeleteAsync(ResourceAddress address, int status)
    {
        await _store.DeleteAsync(address.Path);
        return new ResourceResult(status, null, null);
    }
}
