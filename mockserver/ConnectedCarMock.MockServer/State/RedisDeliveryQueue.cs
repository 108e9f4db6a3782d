using System.Collections.Concurrent;
using System.Text.Json;
using ConnectedCarMock.MockServer.Events;
using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The webhook queue shared by every replica (<c>--state redis://...</c>): a sorted set of event ids scored by
/// the time they are due, their bodies in a hash, and a sorted set of leases scored by when they expire. A
/// claim is one Lua script: it takes the earliest due event and leases it to this replica, so each attempt is
/// made by one replica. While this replica works on an event it renews the lease; if it dies, the lease
/// expires and the next claim (on any replica) takes the event again. No streams (Garnet has none).
/// The events a created remote or monitor raises are queued by the store's create script itself
/// (<see cref="QueueWithCreates"/>): the item and its events are one atomic write.
/// </summary>
internal sealed class RedisDeliveryQueue : IAtomicDeliveryQueue
{
    private const string Enqueue = """
        local id = redis.call('INCR', KEYS[1])
        redis.call('HSET', KEYS[2], id, ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[1], id)
        return id
        """;

    // KEYS: due, leases, bodies; ARGV: now (ms), lease (ms). Expired leases go back to due first.
    private const string Claim = """
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 16)) do
          redis.call('ZREM', KEYS[2], id)
          redis.call('ZADD', KEYS[1], ARGV[1], id)
        end
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
        if #due == 0 then return false end
        redis.call('ZREM', KEYS[1], due[1])
        redis.call('ZADD', KEYS[2], ARGV[1] + ARGV[2], due[1])
        return {due[1], redis.call('HGET', KEYS[3], due[1])}
        """;

    // KEYS: leases, bodies, sequence, due; ARGV: id, then the follow-up's due time (ms) and JSON, if any. Only
    // the holder of a live lease completes (a lease taken over is not ours), and only the call that completes
    // queues the follow-up: the same call again (its reply was lost) finds no lease and queues nothing.
    private const string Complete = """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        if #ARGV == 3 then
          local id = redis.call('INCR', KEYS[3])
          redis.call('HSET', KEYS[2], id, ARGV[3])
          redis.call('ZADD', KEYS[4], ARGV[2], id)
        end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new();
    private readonly RedisStateStore _store;
    private readonly IDatabase _db;
    private readonly RedisKey[] _keys;
    private readonly TimeSpan _lease;
    private readonly Func<long> _generation;
    private readonly ConcurrentDictionary<QueuedEvent, string> _held = new(ReferenceEqualityComparer.Instance);
    private readonly Timer _renew;
    private readonly RedisClaimWaits _waits = new();

    /// <param name="generation">The hub's generation: a shared reset empties the queue, so what is claimed belongs to the current one.</param>
    public RedisDeliveryQueue(RedisStateStore store, Func<long> generation, TimeSpan? lease = null)
    {
        _store = store;
        _db = store.Database;
        var keys = store.Keys;
        _keys = [keys.EventSequence, keys.EventBodies, keys.EventsDue, keys.EventLeases];
        _lease = lease ?? TimeSpan.FromSeconds(10);
        _generation = generation;
        _renew = new Timer(_ => Renew(), null, _lease / 3, _lease / 3);
    }

    public int Count => (int)_db.SortedSetLength(_keys[2]);

    public async ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        await _store.Guard(_db.ScriptEvaluateAsync(Enqueue, [_keys[0], _keys[1], _keys[2]], Entry(new ScheduledEvent(item, delay))));
        _waits.Wake();
    }

    public void QueueWithCreates(Func<CreatedResource, IReadOnlyList<ScheduledEvent>> raised) =>
        _store.CreatedEvents = item => [.. raised(item).SelectMany(Entry)];

    public async ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RedisResult claimed;
            try
            {
                claimed = await _db.ScriptEvaluateAsync(Claim, [_keys[2], _keys[3], _keys[1]], [Now(), (long)_lease.TotalMilliseconds]);
            }
            catch (Exception ex) when (RedisStateStore.IsUnreachable(ex))
            {
                claimed = RedisResult.Create(RedisValue.Null); // the store is away: try again shortly
            }

            if (!claimed.IsNull && (RedisResult[])claimed! is [var id, var body] && !body.IsNull)
            {
                var item = JsonSerializer.Deserialize<QueuedEvent>((string)body!, Json)! with { Generation = _generation() };
                _held[item] = (string)id!;
                _waits.Wake(); // more may be due
                return item;
            }

            await _waits.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default)
    {
        // Held (its lease renewed) until the script answered: a call that failed is repeated under the same lease.
        if (_held.TryGetValue(item, out var id))
        {
            await CompleteAsync(id, followUp);
            _held.TryRemove(item, out _);
            if (followUp is not null)
            {
                _waits.Wake();
            }
        }
    }

    /// <summary>The completion script of the event queued under <paramref name="id"/>; true when this call completed it.</summary>
    internal async Task<bool> CompleteAsync(string id, ScheduledEvent? followUp) =>
        (long)await _store.Guard(_db.ScriptEvaluateAsync(Complete, [_keys[3], _keys[1], _keys[0], _keys[2]], followUp is { } next ? [id, .. Entry(next)] : [id])) == 1;

    /// <summary>Stops renewing the event's lease: when it lapses, the next claim (on any replica) takes the event again.</summary>
    public ValueTask ReleaseAsync(QueuedEvent item)
    {
        _held.TryRemove(item, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every event of this mock not claimed yet, on every replica (a shared reset).</summary>
    public async ValueTask ClearAsync() => await _store.Guard(_db.KeyDeleteAsync([_keys[1], _keys[2], _keys[3]]));

    public async ValueTask DisposeAsync()
    {
        await _renew.DisposeAsync();
        _held.Clear();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>An event as the enqueue and create scripts take it: when it is due (ms), its JSON.</summary>
    private static RedisValue[] Entry(ScheduledEvent scheduled) =>
        [Now() + (long)scheduled.Delay.TotalMilliseconds, JsonSerializer.Serialize(scheduled.Item, Json)];

    /// <summary>Keeps the leases of the events this replica is working on (only those still leased: XX).</summary>
    private void Renew()
    {
        var until = Now() + (long)_lease.TotalMilliseconds;
        foreach (var id in _held.Values)
        {
            _db.SortedSetAdd(_keys[3], id, until, SortedSetWhen.Exists, CommandFlags.FireAndForget);
        }
    }
}
