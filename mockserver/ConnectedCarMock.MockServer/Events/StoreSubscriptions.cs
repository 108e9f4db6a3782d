using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Events;

/// <summary><see cref="ISubscriptions"/> over the state store and the seeded world.</summary>
internal sealed class StoreSubscriptions(ResourceRenderer renderer, IStateStore store) : ISubscriptions
{
    internal const string StatusKey = "status";

    public IReadOnlyList<string> Vehicles =>
        renderer.World.Model.ByItem(EventCatalog.ConnectedCar.Vehicle) is { } vehicles ? renderer.World.IdsOf(vehicles, new Dictionary<string, string>()) : [];

    public async ValueTask<ISubscriptionView> ReadAsync() => new StateView(renderer, (await store.ReadAsync()).Resources);

    public ValueTask SetRunStatusAsync(string itemPath, string status) => store.UpdateAsync(itemPath, new JsonObject { [StatusKey] = status });
}

/// <summary>Channels, monitors and remotes of one <see cref="ResourceState"/> over the seeded world.</summary>
internal sealed class StateView(ResourceRenderer renderer, ResourceState store) : ISubscriptionView
{
    private const string StatusKey = StoreSubscriptions.StatusKey;
    private readonly EventCatalog _catalog = EventCatalog.ConnectedCar;

    private FleetWorld World => renderer.World;

    public bool Exists(string itemPath)
    {
        if (Locate(itemPath) is not { } item)
        {
            return false;
        }

        foreach (var parameter in item.Template.Parameters)
        {
            var owner = World.Model.OwnerOf(item.Template, parameter);
            if (owner?.Item is null)
            {
                continue;
            }

            var parents = owner.List.Parameters.Where(item.Values.ContainsKey).ToDictionary(p => p, p => item.Values[p], StringComparer.Ordinal);
            var id = item.Values[parameter];
            var path = FleetWorld.Identity(owner.Item, new Dictionary<string, string>(parents, StringComparer.Ordinal) { [parameter] = id });
            if (store.IsDeleted(path) || !(World.Contains(owner, parents, id) || store.IsCreated(FleetWorld.Identity(owner.List, parents), id)))
            {
                return false;
            }
        }

        return true;
    }

    // The store's overlay is a tree of the caller's own: the run status is taken out of it, not out of a copy.
    public JsonObject? Registered(string itemPath)
    {
        var overlay = store.Overlay(itemPath);
        overlay?.Remove(StatusKey);
        return overlay;
    }

    public JsonObject? Definition(string itemPath)
    {
        var registered = Registered(itemPath);
        if (Locate(itemPath) is not { } item || IsCreated(item))
        {
            return registered;
        }

        var world = WorldBody(item)?[DefinitionProperty(item.Collection)] as JsonObject ?? [];
        foreach (var (key, value) in registered ?? [])
        {
            world[key] = value?.DeepClone();
        }

        return world;
    }

    public string RunStatus(string itemPath)
    {
        if (store.Overlay(itemPath)?[StatusKey] is JsonValue set && set.TryGetValue<string>(out var status))
        {
            return status;
        }

        if (Locate(itemPath) is not { } item || IsCreated(item))
        {
            return "Running";
        }

        var world = WorldBody(item)?[StatusKey];
        return EventVariables.Text(world is JsonObject nested ? nested[StatusKey] : world) ?? "Running";
    }

    public string? FindMonitor(string monitorId, string? channelId)
    {
        var monitors = World.Model.ByItem(_catalog.Monitor);
        var channels = World.Model.ByItem(_catalog.Channel);
        if (monitors?.Item is null || channels?.Item is null)
        {
            return null;
        }

        var channelIds = channelId is not null ? [channelId] : Ids(channels, new Dictionary<string, string>());
        foreach (var channel in channelIds)
        {
            var parents = new Dictionary<string, string>(StringComparer.Ordinal) { [monitors.List.Parameters[^1]] = channel };
            if (Ids(monitors, parents).Contains(monitorId, StringComparer.Ordinal))
            {
                var path = FleetWorld.Identity(monitors.Item, new Dictionary<string, string>(parents, StringComparer.Ordinal) { [monitors.ItemParameter!] = monitorId });
                if (Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private List<string> Ids(ResourceCollection collection, IReadOnlyDictionary<string, string> parents) =>
        [.. World.IdsOf(collection, parents), .. store.Created(FleetWorld.Identity(collection.List, parents))];

    private bool IsCreated(Located item) => store.IsCreated(FleetWorld.Identity(item.Collection.List, item.Parents), item.Id);

    private JsonObject? WorldBody(Located item)
    {
        var schema = item.Collection.ItemOperation?.SuccessResponses.SelectMany(r => r.Content).FirstOrDefault(m => m.Schema is not null)?.Schema;
        return schema is null ? null : renderer.Render(schema, new ResourceAddress(item.Template, item.Values)) as JsonObject;
    }

    private string DefinitionProperty(ResourceCollection collection) =>
        collection.Item!.Template == _catalog.Channel ? _catalog.Definitions["channel"]
        : collection.Item.Template == _catalog.Monitor ? _catalog.Definitions["monitor"]
        : _catalog.Definitions["remote"];

    private Located? Locate(string itemPath)
    {
        var segments = itemPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var collection in World.Model.Collections.Where(c => c.Item is not null))
        {
            if (collection.Item!.Match(segments) is { } values)
            {
                var parents = values.Where(v => v.Key != collection.ItemParameter).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                return new Located(collection, collection.Item, values, parents, values[collection.ItemParameter!]);
            }
        }

        return null;
    }

    private sealed record Located(ResourceCollection Collection, PathTemplate Template, IReadOnlyDictionary<string, string> Values, Dictionary<string, string> Parents, string Id);
}
