namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The writes of <see cref="RedisStateStore"/>, each one atomic Lua script over
/// <see cref="RedisKeys.ResourceKeys"/> (version, log, ids, deleted): check, move the version on, append the
/// change to the log under that version. Only commands that Redis, Valkey and Garnet all have (no streams).
/// A script returns the new version, or 0 when it declined (id already there, item already deleted).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: <see cref="RedisKeys.CreateKeys"/>; ARGV: collection + "\n" + id, creation order, entry, then for each
    /// webhook event the creation raises its due time (ms) and JSON: they join the delivery queue in the same
    /// script, so the item and its events are stored together or not at all.
    /// </summary>
    public const string Add = """
        if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[2]) == 0 then return 0 end
        local v = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], v, v .. ' ' .. ARGV[3])
        for i = 4, #ARGV, 2 do
          local id = redis.call('INCR', KEYS[5])
          redis.call('HSET', KEYS[6], id, ARGV[i + 1])
          redis.call('ZADD', KEYS[7], ARGV[i], id)
        end
        return v
        """;

    /// <summary>ARGV: entry.</summary>
    public const string Update = """
        local v = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], v, v .. ' ' .. ARGV[1])
        return v
        """;

    /// <summary>ARGV: path, entry.</summary>
    public const string Delete = """
        if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
        local v = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], v, v .. ' ' .. ARGV[2])
        return v
        """;

    /// <summary>ARGV: entry. The log restarts at the reset, so replaying it never needs what came before.</summary>
    public const string Reset = """
        redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
        local v = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], v, v .. ' ' .. ARGV[1])
        return v
        """;

    /// <summary>Compare-and-set of the settings. KEYS: settings; ARGV: the JSON seen ('' for none), the new JSON.</summary>
    public const string SwapSettings = """
        local seen = redis.call('GET', KEYS[1])
        if (seen == false and ARGV[1] == '') or seen == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;
}
