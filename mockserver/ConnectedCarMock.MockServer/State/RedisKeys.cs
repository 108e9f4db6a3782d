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

    public RedisKey[] ResourceKeys => [Version, Log, Ids, Deleted];
}
