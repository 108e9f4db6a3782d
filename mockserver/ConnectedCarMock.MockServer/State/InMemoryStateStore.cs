using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The state of one server process: one immutable <see cref="StateSnapshot"/>, replaced by one writer at a time,
/// so readers never lock and writers never lose each other's changes. Every call completes synchronously.
/// </summary>
internal sealed class InMemoryStateStore(RuntimeSettings settings, IResourceEvents? events = null) : IStateStore
{
    private readonly IResourceEvents _events = events ?? NoResourceEvents.Instance;
    private readonly Lock _write = new();
    private StateSnapshot _current = new(settings, ResourceState.Empty);
    private long _order;

    public InMemoryStateStore()
        : this(RuntimeSettings.Default)
    {
    }

    /// <summary>The snapshot now, without a ValueTask (in-process callers).</summary>
    public StateSnapshot Current => Volatile.Read(ref _current);

    public ValueTask<StateSnapshot> ReadAsync(CancellationToken cancellationToken = default) => new(Current);

    public ValueTask<long> NextOrderAsync(CancellationToken cancellationToken = default) => new(Interlocked.Increment(ref _order));

    public ValueTask<bool> AddAsync(CreatedResource item, CancellationToken cancellationToken = default)
    {
        var added = Swap(resources => resources.With(item));
        if (added)
        {
            _events.OnChanged(new ResourceChange(ResourceChangeKind.Created, item.Path, item.Collection, item.Id, item.Overlay));
        }

        return new(added);
    }

    public ValueTask UpdateAsync(string path, JsonObject changes, CancellationToken cancellationToken = default)
    {
        Swap(resources => resources.WithChanges(path, changes));
        _events.OnChanged(new ResourceChange(ResourceChangeKind.Updated, path, Body: changes));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var wasThere = false;
        Swap(resources =>
        {
            wasThere = !resources.IsDeleted(path);
            return resources.WithDeleted(path);
        });
        if (wasThere)
        {
            _events.OnChanged(new ResourceChange(ResourceChangeKind.Deleted, path));
        }

        return new(wasThere);
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        Swap(resources => resources.Cleared());
        _events.OnChanged(new ResourceChange(ResourceChangeKind.Reset, "/"));
        return ValueTask.CompletedTask;
    }

    public ValueTask<RuntimeSettings> UpdateSettingsAsync(Func<RuntimeSettings, RuntimeSettings> change, CancellationToken cancellationToken = default)
    {
        lock (_write)
        {
            var next = Current with { Settings = change(Current.Settings) };
            Volatile.Write(ref _current, next);
            return new(next.Settings);
        }
    }

    /// <summary>
    /// Applies a change to the resources; false when the change declines (returns null). One writer at a time: a
    /// write continues the newest snapshot's history in place (two at once would have one of them copy it).
    /// </summary>
    private bool Swap(Func<ResourceState, ResourceState?> change)
    {
        lock (_write)
        {
            var seen = Current;
            if (change(seen.Resources) is not { } resources)
            {
                return false;
            }

            Volatile.Write(ref _current, seen with { Resources = resources });
            return true;
        }
    }
}
