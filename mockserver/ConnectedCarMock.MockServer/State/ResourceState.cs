using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>An item a client created: where it belongs, its id, its creation order and its path.</summary>
internal sealed record CreatedResource(string Collection, string Id, long Order, string Path, JsonObject? Overlay);

/// <summary>
/// What clients created, changed and deleted, as of one moment: immutable, so the stages of a request
/// read it without locks and see one consistent state. <see cref="Version"/> changes with every write
/// and keys the answer caches. What clients sent is kept as UTF-8 text, not as a JSON tree: a created item
/// lives as long as the state, and the channel body of 0.9 KB took 8.7 KB as a tree; under a run of creates
/// those trees were most of what the garbage collector copied into its old generation, and its pauses made
/// the tail of every request's latency.
/// </summary>
internal sealed class ResourceState
{
    private readonly ImmutableDictionary<string, CreatedItems> _created;
    private readonly ImmutableDictionary<string, byte[]> _overlays;
    private readonly ImmutableHashSet<string> _deleted;

    private ResourceState(long version, ImmutableDictionary<string, CreatedItems> created, ImmutableDictionary<string, byte[]> overlays, ImmutableHashSet<string> deleted)
    {
        Version = version;
        _created = created;
        _overlays = overlays;
        _deleted = deleted;
    }

    public static ResourceState Empty { get; } = new(
        0,
        ImmutableDictionary.Create<string, CreatedItems>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, byte[]>(StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    public long Version { get; }

    /// <summary>Whether nothing was ever created, changed or deleted: most requests see this.</summary>
    public bool IsPristine => _created.IsEmpty && _overlays.IsEmpty && _deleted.IsEmpty;

    /// <summary>Ids created in a collection, in creation order.</summary>
    public IReadOnlyList<string> Created(string collection) =>
        _created.TryGetValue(collection, out var items) ? items.InOrder() : [];

    public bool IsCreated(string collection, string id) =>
        _created.TryGetValue(collection, out var items) && items.Contains(id);

    /// <summary>What clients sent for an item, merged, as a tree of the caller's own (read anew at each call).</summary>
    public JsonObject? Overlay(string path) => _overlays.TryGetValue(path, out var stored) ? (JsonObject)JsonNode.Parse(stored)! : null;

    public bool HasOverlay(string path) => _overlays.ContainsKey(path);

    public bool IsDeleted(string path) => _deleted.Contains(path);

    /// <summary>With an item added in order; null when the collection already holds its id.</summary>
    public ResourceState? With(CreatedResource item)
    {
        var items = _created.GetValueOrDefault(item.Collection) ?? CreatedItems.None;
        if (items.Contains(item.Id))
        {
            return null;
        }

        var overlays = item.Overlay is null ? _overlays : _overlays.SetItem(item.Path, JsonSerializer.SerializeToUtf8Bytes(item.Overlay));
        return new ResourceState(Version + 1, _created.SetItem(item.Collection, items.Add(item.Id, item.Order)), overlays, _deleted);
    }

    /// <summary>With changes merged into what clients sent for an item.</summary>
    public ResourceState WithChanges(string path, JsonObject changes)
    {
        var merged = Overlay(path) ?? [];
        foreach (var (key, value) in changes)
        {
            merged[key] = value?.DeepClone();
        }

        return new ResourceState(Version + 1, _created, _overlays.SetItem(path, JsonSerializer.SerializeToUtf8Bytes(merged)), _deleted);
    }

    public ResourceState WithDeleted(string path) =>
        new(Version + 1, _created, _overlays.Remove(path), _deleted.Add(path));

    /// <summary>The same resources at another version: a shared store numbers its writes itself.</summary>
    public ResourceState WithVersion(long version) => new(version, _created, _overlays, _deleted);

    /// <summary>Nothing created, changed or deleted; the version still moves on, so no cached answer survives.</summary>
    public ResourceState Cleared() => new(Version + 1, Empty._created, Empty._overlays, Empty._deleted);
}

/// <summary>
/// The ids created in one collection: a set for "is it there" and a tree in creation order, so an add costs
/// O(log n) however many were created (a list scanned per add made creates slower the more there were).
/// </summary>
internal sealed class CreatedItems
{
    private readonly ImmutableHashSet<string> _ids;
    private readonly ImmutableSortedSet<(long Order, string Id)> _ordered;

    private CreatedItems(ImmutableHashSet<string> ids, ImmutableSortedSet<(long Order, string Id)> ordered)
    {
        _ids = ids;
        _ordered = ordered;
    }

    public static CreatedItems None { get; } = new(
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<(long Order, string Id)>(Comparer<(long Order, string Id)>.Create((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Id, b.Id))));

    public bool Contains(string id) => _ids.Contains(id);

    public CreatedItems Add(string id, long order) => new(_ids.Add(id), _ordered.Add((order, id)));

    public IReadOnlyList<string> InOrder()
    {
        var ids = new string[_ordered.Count];
        var i = 0;
        foreach (var (_, id) in _ordered)
        {
            ids[i++] = id;
        }

        return ids;
    }
}
