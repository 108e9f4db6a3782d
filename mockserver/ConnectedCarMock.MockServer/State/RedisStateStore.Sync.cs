using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>How the local copy follows Redis: log replay, settings by revision, a lost connection, a lost store.</summary>
internal sealed partial class RedisStateStore
{
    // Added to Redis' versions: moves past the local version when the server comes back without the state it
    // had (restarted without persistence), so versions stay increasing and no cached answer is taken for a new one.
    private long _offset;
    private int _down;
    private int _syncing;
    private int _again;
    private readonly Lock _settingsLock = new();

    /// <summary>
    /// Replays the log from the local version on (one caller at a time; a caller whose version another one
    /// reached meanwhile returns at once); the whole log when the local copy cannot continue it.
    /// </summary>
    private async Task<StateSnapshot> CatchUpAsync(long version)
    {
        await _gate.WaitAsync();
        try
        {
            if (version + _offset <= Current.Resources.Version)
            {
                return Current;
            }

            var resources = WithOwn(Current.Resources);
            if (version + _offset <= resources.Version)
            {
                return Publish(resources);
            }

            var entries = await Guard(_db.SortedSetRangeByScoreAsync(_keys.Log, resources.Version - _offset, double.PositiveInfinity, Exclude.Start));
            for (var i = 0; i < entries.Length; i++)
            {
                var (at, entry) = RedisLogEntry.Split(entries[i]!);
                if (i == 0 && at + _offset != resources.Version + 1 && !RedisLogEntry.IsReset(entry))
                {
                    resources = await ReplayAllAsync();
                    break;
                }

                if (i > 0 && at + _offset != resources.Version + 1)
                {
                    break; // a write still in flight on a server that runs scripts non-atomically: take it next time
                }

                resources = RedisLogEntry.Apply(resources, at + _offset, entry);
            }

            ForgetOwn(resources.Version);
            return Publish(WithOwn(resources));
        }
        finally
        {
            _gate.Release();
            TakeOwn();
        }
    }

    private async Task<ResourceState> ReplayAllAsync()
    {
        var resources = ResourceState.Empty.WithVersion(_offset);
        foreach (var member in await Guard(_db.SortedSetRangeByScoreAsync(_keys.Log)))
        {
            var (version, entry) = RedisLogEntry.Split(member!);
            resources = RedisLogEntry.Apply(resources, version + _offset, entry);
        }

        return resources;
    }

    private StateSnapshot Publish(ResourceState resources)
    {
        while (true)
        {
            var seen = Current;
            if (Interlocked.CompareExchange(ref _current, seen with { Resources = resources }, seen) == seen)
            {
                return seen with { Resources = resources };
            }
        }
    }

    /// <summary>Takes settings read or written at a revision, unless newer ones are already here.</summary>
    private void ApplySettings(RuntimeSettings settings, long revision)
    {
        lock (_settingsLock)
        {
            if (revision < _settingsRevision)
            {
                return;
            }

            _settingsRevision = revision;
            while (true)
            {
                var seen = Current;
                if (Interlocked.CompareExchange(ref _current, seen with { Settings = settings }, seen) == seen)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Brings the local copy up to Redis: settings by revision, resources by version. Notices a server that came
    /// back without this namespace (restarted without persistence, or flushed): it says so, puts the settings
    /// back, and starts over from what the server holds.
    /// </summary>
    private async Task SyncAsync()
    {
        var settingsRead = _db.StringGetAsync(_keys.Settings);
        var versionRead = _db.StringGetAsync(_keys.Version);
        var settings = await Guard(settingsRead);
        var version = (long)await Guard(versionRead);
        if (settings.IsNull)
        {
            await Guard(_db.StringSetAsync(_keys.Settings, RedisSettingsCodec.Encode(Current.Settings, Math.Max(_settingsRevision, 0) + 1), when: When.NotExists));
        }
        else
        {
            var (decoded, revision) = RedisSettingsCodec.Decode(settings!);
            ApplySettings(decoded, revision);
        }

        if (version + _offset < Current.Resources.Version)
        {
            await _gate.WaitAsync();
            try
            {
                var local = Current.Resources.Version;
                if ((long)await Guard(_db.StringGetAsync(_keys.Version)) + _offset < local)
                {
                    _log($"state store {_target.Display}: the server came back without the state this replica had (version {local - _offset}, now {version}): it was restarted without persistence or flushed; going on from what it holds");
                    _offset = local + 1;
                    _own.Clear(); // what it holds comes with the replay
                    Publish(await ReplayAllAsync());
                }
            }
            finally
            {
                _gate.Release();
                TakeOwn();
            }
        }
        else if (version + _offset > Current.Resources.Version)
        {
            await CatchUpAsync(version);
        }
    }

    /// <summary>Runs <see cref="SyncAsync"/> in the background, once at a time, again if asked meanwhile (pub/sub, poll, reconnect).</summary>
    private void Kick()
    {
        Volatile.Write(ref _again, 1);
        if (Volatile.Read(ref _down) == 1 || Interlocked.Exchange(ref _syncing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (Interlocked.Exchange(ref _again, 0) == 1)
                {
                    await SyncAsync();
                }
            }
            catch (Exception ex) when (ex is StoreUnavailableException or RedisException or ObjectDisposedException)
            {
                // The connection events say it; the next poll tries again.
            }
            finally
            {
                Volatile.Write(ref _syncing, 0);

                // A kick that came after the loop's last check and before this release found it still running and
                // left: without this, its change would wait for the next poll.
                if (Volatile.Read(ref _again) == 1)
                {
                    Kick();
                }
            }
        });
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _log($"state store {_target.Display}: connection lost ({e.FailureType}); the API answers 503 until it returns");
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref _down, 0) == 1)
        {
            _log($"state store {_target.Display}: connection restored");
            Kick();
        }
    }
}
