using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// What clients created, changed and deleted (channels, monitors, remotes...), per server instance.
/// Thread-safe; every change bumps <see cref="Version"/>, which keys the response cache.
/// </summary>
internal sealed class ResourceStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _overlays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deleted = new(StringComparer.Ordinal);
    private long _version;
    private long _counter;

    public long Version => Interlocked.Read(ref _version);

    public long NextCounter() => Interlocked.Increment(ref _counter);

    /// <summary>Records a created item; false when the id already exists (never expected: ids come from a counter).</summary>
    public bool Add(string collection, string id, long order, string itemIdentity, JsonObject? overlay)
    {
        var items = _created.GetOrAdd(collection, _ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        if (!items.TryAdd(id, order))
        {
            return false;
        }

        if (overlay is not null)
        {
            _overlays[itemIdentity] = overlay;
        }

        Interlocked.Increment(ref _version);
        return true;
    }

    public IReadOnlyList<string> Created(string collection) =>
        _created.TryGetValue(collection, out var items) ? items.OrderBy(p => p.Value).Select(p => p.Key).ToList() : [];

    public bool IsCreated(string collection, string id) => _created.TryGetValue(collection, out var items) && items.ContainsKey(id);

    public void Update(string itemIdentity, JsonObject changes)
    {
        _overlays.AddOrUpdate(
            itemIdentity,
            _ => changes,
            (_, existing) =>
            {
                var merged = (JsonObject)existing.DeepClone();
                foreach (var (key, value) in changes)
                {
                    merged[key] = value?.DeepClone();
                }

                return merged;
            });
        Interlocked.Increment(ref _version);
    }

    public JsonObject? Overlay(string itemIdentity) => _overlays.GetValueOrDefault(itemIdentity);

    /// <summary>Marks an item deleted; false when it already was.</summary>
    public bool Delete(string itemIdentity)
    {
        var deleted = _deleted.TryAdd(itemIdentity, 0);
        _overlays.TryRemove(itemIdentity, out _);
        Interlocked.Increment(ref _version);
        return deleted;
    }

    public bool IsDeleted(string itemIdentity) => _deleted.ContainsKey(itemIdentity);

    public void Reset()
    {
        _created.Clear();
        _overlays.Clear();
        _deleted.Clear();
        Interlocked.Increment(ref _version);
    }
}
