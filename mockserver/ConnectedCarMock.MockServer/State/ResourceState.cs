using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>An item a client created: where it belongs, its id, its creation order and its path.</summary>
internal sealed record CreatedResource(string Collection, string Id, long Order, string Path, JsonObject? Overlay);

/// <summary>
/// What clients created, changed and deleted, as of one moment: a snapshot that never changes, so the stages of a
/// request read it without locks and see one consistent state. <see cref="Version"/> changes with every write and
/// keys the answer caches.
/// <para>
/// Snapshots of one lineage share a <see cref="ResourceHistory"/>: every write is appended to it once, numbered, and
/// a snapshot sees the entries up to its number. Immutable trees copied a path of nodes per write (three trees, a
/// create copied some 50 nodes), and under a run of creates those copies were most of what the garbage collector
/// moved into its older generations; its pauses made the tail of every request's latency. What clients sent is
/// kept as UTF-8 text, not as a JSON tree (a channel of 0.9 KB took 8.7 KB as a tree).
/// </para>
/// </summary>
internal sealed class ResourceState
{
    private readonly ResourceHistory _history;
    private readonly long _seen;

    private ResourceState(long version, ResourceHistory history, long seen)
    {
        Version = version;
        _history = history;
        _seen = seen;
    }

    /// <summary>The state before any write; every write to it starts a history of its own.</summary>
    public static ResourceState Empty { get; } = new(0, ResourceHistory.Shared, 0);

    public long Version { get; }

    /// <summary>Whether nothing was ever created, changed or deleted: most requests see this.</summary>
    public bool IsPristine => _history.First > _seen;

    /// <summary>Ids created in a collection, in creation order.</summary>
    public IReadOnlyList<string> Created(string collection) => _history.Created(collection, _seen);

    public bool IsCreated(string collection, string id) => _history.IsCreated(collection, id, _seen);

    /// <summary>What clients sent for an item, merged, as a tree of the caller's own (read anew at each call).</summary>
    public JsonObject? Overlay(string path) => _history.Overlay(path, _seen) is { } stored ? (JsonObject)JsonNode.Parse(stored)! : null;

    public bool HasOverlay(string path) => _history.Overlay(path, _seen) is not null;

    public bool IsDeleted(string path) => _history.IsDeleted(path, _seen);

    /// <summary>How many versions of what was sent for an item its history keeps, for any snapshot.</summary>
    internal int OverlayVersionsKept(string path) => _history.VersionsOf(path);

    /// <summary>With an item added in order; null when the collection already holds its id.</summary>
    public ResourceState? With(CreatedResource item)
    {
        if (IsCreated(item.Collection, item.Id))
        {
            return null;
        }

        var overlay = item.Overlay is null ? null : JsonSerializer.SerializeToUtf8Bytes(item.Overlay);
        return Write(history => history.Add(item.Collection, item.Id, item.Order, item.Path, overlay));
    }

    /// <summary>With changes merged into what clients sent for an item.</summary>
    public ResourceState WithChanges(string path, JsonObject changes)
    {
        var merged = Overlay(path) ?? [];
        foreach (var (key, value) in changes)
        {
            merged[key] = value?.DeepClone();
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(merged);
        return Write(history => history.SetOverlay(path, bytes));
    }

    public ResourceState WithDeleted(string path) => Write(history => history.Delete(path));

    /// <summary>The same resources at another version: a shared store numbers its writes itself.</summary>
    public ResourceState WithVersion(long version) => new(version, _history, _seen);

    /// <summary>Nothing created, changed or deleted; the version still moves on, so no cached answer survives.</summary>
    public ResourceState Cleared() => new(Version + 1, ResourceHistory.Shared, 0);

    /// <summary>
    /// Appends the write to this snapshot's history when it is the history's newest snapshot (the stores write one
    /// at a time, on the newest); otherwise to a copy of what this snapshot sees, so no other snapshot changes.
    /// </summary>
    private ResourceState Write(Func<ResourceHistory, long> append)
    {
        var seen = _history.TryAppend(_seen, append);
        if (seen < 0)
        {
            var copy = _history.Copy(_seen);
            return new ResourceState(Version + 1, copy, copy.TryAppend(_seen, append));
        }

        return new ResourceState(Version + 1, _history, seen);
    }
}
