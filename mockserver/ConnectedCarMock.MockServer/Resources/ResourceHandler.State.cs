using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

internal sealed partial class ResourceHandler
{
    private ResourceResult Create(ResourceCollection collection, ResourceAddress address, JsonNode? requestBody, MediaType? media, int status)
    {
        var parentValues = address.Values;
        var order = _store.NextCounter();
        var id = World.CreatedId(collection, parentValues, order);
        var values = new Dictionary<string, string>(parentValues, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        var itemAddress = new ResourceAddress(collection.Item!, values);
        _store.Add(FleetWorld.Identity(collection.List, parentValues), id, order, itemAddress.Path, requestBody as JsonObject);
        var body = media?.Schema is { } schema ? _renderer.Render(schema, itemAddress, salt: "created") : null;
        return new ResourceResult(status, media, () => body, Location: itemAddress.Path);
    }

    private ResourceResult Update(ResourceAddress address, JsonNode? requestBody, MediaType? media, int status)
    {
        if (requestBody is JsonObject changes)
        {
            _store.Update(address.Path, changes);
        }

        var body = media?.Schema is { } schema ? _renderer.Render(schema, address, salt: "updated") : null;
        return new ResourceResult(status, media, () => body);
    }

    private ResourceResult Delete(ResourceAddress address, int status)
    {
        _store.Delete(address.Path);
        return new ResourceResult(status, null, null);
    }
}
