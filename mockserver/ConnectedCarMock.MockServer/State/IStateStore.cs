using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>What a request reads once: the run-time settings and the resources as of now.</summary>
internal sealed record StateSnapshot(RuntimeSettings Settings, ResourceState Resources);

/// <summary>
/// Everything clients change while the server runs (created, changed and deleted resources, provider-state
/// effects, run-time settings; webhook deliveries will join them) goes through this one interface, so a
/// shared store (Redis) can replace the in-memory one without touching the stages. What it promises, and
/// what a Redis implementation must keep: creation orders are unique across writers (INCR), an id is added
/// once (HSETNX), updates merge atomically (optimistic: retried on a concurrent change, WATCH/MULTI), and
/// every resource write moves <see cref="ResourceState.Version"/> on (the answer caches key on it).
/// Writes raise <see cref="IResourceEvents"/> after they succeed.
/// </summary>
internal interface IStateStore
{
    /// <summary>The state as of now; the stages of one request read this one snapshot.</summary>
    ValueTask<StateSnapshot> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The state one request reads, given what it asks for: a shared store may answer from its local copy
    /// when the request's answer cannot depend on writes of other replicas (no round trip to the store).
    /// </summary>
    ValueTask<StateSnapshot> ReadForAsync(string method, string path, CancellationToken cancellationToken = default) => ReadAsync(cancellationToken);

    /// <summary>The next creation order: unique, increasing; a created item's id derives from it.</summary>
    ValueTask<long> NextOrderAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a created item; false when its collection already holds that id.</summary>
    ValueTask<bool> AddAsync(CreatedResource item, CancellationToken cancellationToken = default);

    /// <summary>Merges changes into what clients sent for an item (later reads show them).</summary>
    ValueTask UpdateAsync(string path, JsonObject changes, CancellationToken cancellationToken = default);

    /// <summary>Marks an item deleted; false when it already was.</summary>
    ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Forgets what clients created, changed and deleted (settings stay).</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);

    /// <summary>Swaps the run-time settings atomically; returns the new ones.</summary>
    ValueTask<RuntimeSettings> UpdateSettingsAsync(Func<RuntimeSettings, RuntimeSettings> change, CancellationToken cancellationToken = default);
}

/// <summary>A change clients made to a resource, raised by the store once it is stored.</summary>
internal sealed record ResourceChange(ResourceChangeKind Kind, string Path, string? Collection = null, string? Id = null, JsonObject? Body = null);

internal enum ResourceChangeKind
{
    Created,
    Updated,
    Deleted,
    Reset,
}

/// <summary>
/// The seam for what must follow a change (webhook deliveries, later): the store calls it after each
/// successful write. Implementations must not block: queue the work and return.
/// </summary>
internal interface IResourceEvents
{
    void OnChanged(ResourceChange change);
}

/// <summary>No one listens yet.</summary>
internal sealed class NoResourceEvents : IResourceEvents
{
    public static NoResourceEvents Instance { get; } = new();

    public void OnChanged(ResourceChange change)
    {
    }
}
