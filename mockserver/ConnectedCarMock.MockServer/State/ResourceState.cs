using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>An item a client created: where it belongs, its id, its creation order and its path.</summary>
internal sealed record CreatedResource(string Collection, string Id, long Order, string Path, JsonObject? Overlay);

/// <summary>
/// What clients created, changed and deleted, as of one moment: immutable, so the stages of a request
/// read it without locks and see one consistent state. <see cref="Version"/> changes with every write
/// and keys the answer caches. Overlays are never mutated once stored (writers store copies).
/// </summary>
internal sealed class ResourceState
{
    private readonly ImmutableDictionary<string, ImmutableList<(string Id, long Order)>> _created;
    private readonly ImmutableDictionary<string, JsonObject> _overlays;
    private readonly ImmutableHashSet<string> _deleted;

    private ResourceState(long version, ImmutableDictionary<string, ImmutableList<(string Id, long Order)>> created, ImmutableDictionary<string, JsonObject> overlays, ImmutableHashSet<string> deleted)
    {
        Version = version;
        _created = created;
        _overlays = overlays;
        _deleted = deleted;
    }

    public static ResourceState Empty { get; } = new(
        0,
        ImmutableDictionary.Create<string, ImmutableList<(string, long)>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, JsonObject>(StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    public long Version { get; }

    /// <summary>Whether nothing was ever created, changed or deleted: most requests see this.</summary>
    public bool IsPristine => _created.IsEmpty && _overlays.IsEmpty && _deleted.IsEmpty;

    /// <summary>Ids created in a collection, in creation order.</summary>
    public IReadOnlyList<string> Created(string collection) =>
        _created.TryGetValue(collection, out var items) ? items.Select(i => i.Id).ToList() : [];

    public bool IsCreated(string collection, string id) =>
        _created.TryGetValue(collection, out var items) && items.Exists(i => i.Id == id);

    public JsonObject? Overlay(string path) => _overlays.GetValueOrDefault(path);

    public bool IsDeleted(string path) => _deleted.Contains(path);

    /// <summary>With an item added in order; null when the collection already holds its id.</summary>
    public ResourceState? With(CreatedResource item)
    {
        var items = _created.GetValueOrDefault(item.Collection) ?? [];
        if (items.Exists(i => i.Id == item.Id))
        {
            return null;
        }

        var at = items.FindIndex(i => i.Order > item.Order);
        var added = at < 0 ? items.Add((item.Id, item.Order)) : items.Insert(at, (item.Id, item.Order));
        var overlays = item.Overlay is null ? _overlays : _overlays.SetItem(item.Path, (JsonObject)item.Overlay.DeepClone());
        return new ResourceState(Version + 1, _created.SetItem(item.Collection, added), overlays, _deleted);
    }

    /// <summary>With changes merged into what clients sent for an item.</summary>
    public ResourceState WithChanges(string path, JsonObject changes)
    {
        var merged = _overlays.TryGetValue(path, out var existing) ? (JsonObject)existing.DeepClone() : [];
        foreach (var (key, value) in changes)
        {
            merged[key] = value?.DeepClone();
        }

        return new ResourceState(Version + 1, _created, _overlays.SetItem(path, merged), _deleted);
    }

    public ResourceState WithDeleted(string path) =>
        new(Version + 1, _created, _overlays.Remove(path), _deleted.Add(path));

    /// <summary>The same resources at another version: a shared store numbers its writes itself.</summary>
    public ResourceState WithVersion(long version) => new(version, _created, _overlays, _deleted);

    /// <summary>Nothing created, changed or deleted; the version still moves on, so no cached answer survives.</summary>
    public ResourceState Cleared() => new(Version + 1, Empty._created, Empty._overlays, Empty._deleted);
}
