using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The keys of one mock's namespace. All carry the hash tag <c>{prefix}</c>, so they live in one slot and
/// the Lua scripts may touch them together (a Redis Cluster requires it). Nothing outside the namespace is
/// ever read or written, so a reset clears one mock only.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    private readonly string _tag = "{" + prefix + "}:";

    /// <summary>What every key of the namespace starts with (<c>{prefix}:</c>).</summary>
    public string Tag => _tag;

    /// <summary>Counter of resource writes: the version every replica's local copy is compared with.</summary>
    public RedisKey Version => _tag + "version";

    /// <summary>Counter of creation orders (<c>INCR</c>): unique across replicas.</summary>
    public RedisKey Order => _tag + "order";

    /// <summary>Sorted set of writes scored by version: what a replica replays to catch up.</summary>
    public RedisKey Log => _tag + "log";

    /// <summary>Hash of created ids (collection + id → order): an id is added once (<c>HSETNX</c>).</summary>
    public RedisKey Ids => _tag + "ids";

    /// <summary>Set of deleted item paths: a delete counts once.</summary>
    public RedisKey Deleted => _tag + "deleted";

    /// <summary>The run-time settings as JSON.</summary>
    public RedisKey Settings => _tag + "settings";

    /// <summary>Published after each resource write (the new version) and each settings change ("settings").</summary>
    public RedisChannel Changes => RedisChannel.Literal(_tag + "changes");

    /// <summary>Counter of queued webhook events: each one's id in <see cref="EventBodies"/>.</summary>
    public RedisKey EventSequence => _tag + "events:seq";

    /// <summary>Hash of queued webhook events (id → JSON), until completed.</summary>
    public RedisKey EventBodies => _tag + "events:bodies";

    /// <summary>Sorted set of event ids not claimed yet, scored by when they are due (ms).</summary>
    public RedisKey EventsDue => _tag + "events:due";

    /// <summary>Sorted set of claimed event ids, scored by when their lease expires (ms).</summary>
    public RedisKey EventLeases => _tag + "events:leases";

    public RedisKey[] ResourceKeys => [Version, Log, Ids, Deleted];

    /// <summary>What a create touches: the resource keys, then the queue's (the events it raises are queued in the same script).</summary>
    public RedisKey[] CreateKeys => [Version, Log, Ids, Deleted, EventSequence, EventBodies, EventsDue];
}
