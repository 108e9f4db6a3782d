using System.Collections.Concurrent;
using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// This replica's own writes reach its local copy without being read back from the log: each write keeps its
/// entry under the version Redis gave it, and the copy takes it once it stands at the version before (writes
/// of other replicas in between still come from the log). Under concurrent writes through one replica, this
/// spares every request a log read, and the gate's queue behind it.
/// </summary>
internal sealed partial class RedisStateStore
{
    // A create keeps its item too: taken as it is (With clones what was sent), not parsed back from its entry.
    private readonly ConcurrentDictionary<long, (string Entry, CreatedResource? Created)> _own = new();

    private readonly string _self = Guid.NewGuid().ToString("N");

    /// <summary>The pub/sub message of a write: its version and this replica, which does not need to hear it.</summary>
    private RedisValue ChangeFrom(long version) => $"{version} {_self}";

    private bool IsOwn(RedisValue message) => message.ToString().EndsWith(_self, StringComparison.Ordinal);

    /// <summary>
    /// Keeps a write's entry and applies it when the local copy stands just before it; a catch-up holding the gate
    /// is waited for, so once every write of this replica has returned, its local copy holds them all.
    /// </summary>
    private async Task WroteAsync(long version, string entry, CreatedResource? created)
    {
        _own[version] = (entry, created);
        await _gate.WaitAsync();
        try
        {
            PublishOwn();
        }
        finally
        {
            _gate.Release();
            TakeOwn();
        }
    }

    /// <summary>
    /// Applies the own writes that continue the local copy, unless someone holds the gate: every holder calls this
    /// after releasing it, so an entry kept meanwhile is never left waiting for the next poll.
    /// </summary>
    private void TakeOwn()
    {
        while (_own.ContainsKey(Current.Resources.Version - _offset + 1) && _gate.Wait(0))
        {
            try
            {
                PublishOwn();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Publishes the local copy with the own writes that continue it, if any do. Under the gate.</summary>
    private void PublishOwn()
    {
        var resources = Current.Resources;
        var next = WithOwn(resources);
        if (!ReferenceEquals(next, resources))
        {
            Publish(next);
        }
    }

    /// <summary>The resources with the own writes that continue them, in version order. Under the gate.</summary>
    private ResourceState WithOwn(ResourceState resources)
    {
        while (_own.TryRemove(resources.Version - _offset + 1, out var write))
        {
            resources = write.Created is { } created
                ? (resources.With(created) ?? resources).WithVersion(resources.Version + 1)
                : RedisLogEntry.Apply(resources, resources.Version + 1, write.Entry);
        }

        return resources;
    }

    /// <summary>Drops the own entries the local copy already reached through the log. Under the gate.</summary>
    private void ForgetOwn(long localVersion)
    {
        foreach (var version in _own.Keys)
        {
            if (version + _offset <= localVersion)
            {
                _own.TryRemove(version, out _);
            }
        }
    }
}
