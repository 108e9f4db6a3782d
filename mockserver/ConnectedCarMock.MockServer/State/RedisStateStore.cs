using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The state of a mock shared by several replicas through a Redis-protocol server (Redis, Valkey, Garnet).
/// Writes go to Redis as atomic Lua scripts that move a version counter on and append the change to a log
/// (a sorted set scored by version); each replica keeps a local <see cref="StateSnapshot"/> and replays the
/// log onto it. A request that can see other replicas' writes (<see cref="RedisReadPolicy"/>) first reads
/// the version (one round trip) and catches up when it moved: a client that wrote through one replica reads
/// its write through any other. Other requests answer from the local copy, kept fresh by pub/sub and a poll
/// every half second; so are the run-time settings.
/// </summary>
internal sealed partial class RedisStateStore : IStateStore, IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly RedisStateTarget _target;
    private readonly RedisReadPolicy? _policy;
    private readonly IResourceEvents _events;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StateSnapshot _current;
    private long _settingsRevision = -1;
    private Timer? _poll;

    private RedisStateStore(ConnectionMultiplexer redis, RedisStateTarget target, RuntimeSettings settings, RedisReadPolicy? policy, IResourceEvents? events, Action<string>? log)
    {
        _redis = redis;
        _db = redis.GetDatabase(target.Database);
        _keys = new RedisKeys(target.Prefix);
        _target = target;
        _policy = policy;
        _events = events ?? NoResourceEvents.Instance;
        _log = log ?? (_ => { });
        _current = new StateSnapshot(settings, ResourceState.Empty);
    }

    /// <summary>The namespace's database and keys, for what else this mock shares (the webhook queue).</summary>
    internal IDatabase Database => _db;

    internal RedisKeys Keys => _keys;

    /// <summary>The local copy now (no round trip): what requests that need no store see.</summary>
    public StateSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Connects, seeds the namespace's settings with <paramref name="settings"/> unless another replica did,
    /// and loads the state. Fails at once, with one line, when the server cannot be reached.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached.</exception>
    public static RedisStateStore Connect(RedisStateTarget target, RuntimeSettings settings, RedisReadPolicy? policy = null, IResourceEvents? events = null, Action<string>? log = null)
    {
        ConnectionMultiplexer redis;
        try
        {
            redis = ConnectionMultiplexer.Connect(target.Configuration());
        }
        catch (RedisException ex)
        {
            throw new StoreUnavailableException($"cannot reach the state store at {target.Display}: {FirstSentence(ex.Message)}", ex);
        }

        var store = new RedisStateStore(redis, target, settings, policy, events, log);
        try
        {
            store.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    public async ValueTask<StateSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var version = (long)await Guard(_db.StringGetAsync(_keys.Version));
        var current = Current;
        return version + _offset <= current.Resources.Version ? current : await CatchUpAsync(version);
    }

    public ValueTask<StateSnapshot> ReadForAsync(string method, string path, CancellationToken cancellationToken = default)
    {
        if (_policy is null || _policy.NeedsStore(method, path))
        {
            return ReadAsync(cancellationToken);
        }

        EnsureAvailable();
        return new(Current);
    }

    public void Dispose()
    {
        _poll?.Dispose();
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        _redis.Dispose();
        _gate.Dispose();
    }

    private async Task StartAsync()
    {
        await Guard(_db.StringSetAsync(_keys.Settings, RedisSettingsCodec.Encode(Current.Settings, 0), when: When.NotExists));
        await SyncAsync();
        await Guard(_redis.GetSubscriber().SubscribeAsync(_keys.Changes, (_, message) =>
        {
            if (!IsOwn(message))
            {
                Kick();
            }
        }));
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        _poll = new Timer(_ => Kick(), null, PollEvery, PollEvery);
    }

    private void EnsureAvailable()
    {
        if (Volatile.Read(ref _down) == 1)
        {
            throw new StoreUnavailableException($"the state store at {_target.Display} is unreachable");
        }
    }

    /// <summary>A store call whose failure to reach the server becomes <see cref="StoreUnavailableException"/> (503);
    /// the delivery queue's calls go through it too, so an event queued while the store is away is a 503, never a 500.</summary>
    internal async Task<T> Guard<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unavailable(ex);
        }
    }

    internal async Task Guard(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unavailable(ex);
        }
    }

    // A Redis restarting with persistence answers LOADING until its data is back: away, like a closed socket.
    internal static bool IsUnreachable(Exception ex) => ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || (ex is RedisServerException && ex.Message.StartsWith("LOADING", StringComparison.Ordinal));

    private StoreUnavailableException Unavailable(Exception ex) =>
        new($"the state store at {_target.Display} did not answer: {FirstSentence(ex.Message)}", ex);

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var stop = line.IndexOf(". ", StringComparison.Ordinal);
        return stop > 0 ? line[..stop] : line.TrimEnd('.');
    }
}
