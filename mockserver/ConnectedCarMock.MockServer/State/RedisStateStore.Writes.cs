using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

internal sealed partial class RedisStateStore
{
    public async ValueTask<long> NextOrderAsync(CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        return await Guard(_db.StringIncrementAsync(_keys.Order));
    }

    /// <summary>
    /// Set by the shared delivery queue: the events (as its entries) that creating an item raises. The create
    /// script queues them with the item, so a create that failed (503) queued nothing, and one that succeeded
    /// queued everything: a client retrying after a 503 makes no second item beside one whose events never go.
    /// </summary>
    internal Func<CreatedResource, RedisValue[]>? CreatedEvents { get; set; }

    /// <summary>Test hook: runs just before a create script is sent (where a test takes the store away).</summary>
    internal Action<CreatedResource>? BeforeCreate { get; set; }

    public async ValueTask<bool> AddAsync(CreatedResource item, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var entry = RedisLogEntry.Created(item);
        RedisValue[] values = [item.Collection + "\n" + item.Id, item.Order, entry, .. CreatedEvents?.Invoke(item) ?? []];
        BeforeCreate?.Invoke(item);
        var added = await WriteAsync(RedisScripts.Add, _keys.CreateKeys, entry, values, item);
        if (added)
        {
            _events.OnChanged(new ResourceChange(ResourceChangeKind.Created, item.Path, item.Collection, item.Id, item.Overlay));
        }

        return added;
    }

    public async ValueTask UpdateAsync(string path, JsonObject changes, CancellationToken cancellationToken = default)
    {
        await WriteAsync(RedisScripts.Update, RedisLogEntry.Updated(path, changes));
        _events.OnChanged(new ResourceChange(ResourceChangeKind.Updated, path, Body: changes));
    }

    public async ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var deleted = await WriteAsync(RedisScripts.Delete, RedisLogEntry.Deleted(path), path);
        if (deleted)
        {
            _events.OnChanged(new ResourceChange(ResourceChangeKind.Deleted, path));
        }

        return deleted;
    }

    /// <summary>Clears this namespace's resources only; other mocks on the same server keep theirs.</summary>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(RedisScripts.Reset, RedisLogEntry.Reset());
        _events.OnChanged(new ResourceChange(ResourceChangeKind.Reset, "/"));
    }

    /// <summary>Optimistic: applies the change to the settings Redis holds, and swaps them only if nobody changed them meanwhile.</summary>
    public async ValueTask<RuntimeSettings> UpdateSettingsAsync(Func<RuntimeSettings, RuntimeSettings> change, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        while (true)
        {
            var seen = await Guard(_db.StringGetAsync(_keys.Settings));
            var (settings, revision) = seen.IsNull ? (Current.Settings, 0) : RedisSettingsCodec.Decode(seen!);
            var next = change(settings);
            if (!seen.IsNull && RedisSettingsCodec.Encode(next, revision) == seen)
            {
                ApplySettings(next, revision);
                return next;
            }

            var text = RedisSettingsCodec.Encode(next, revision + 1);
            if ((long)await Guard(_db.ScriptEvaluateAsync(RedisScripts.SwapSettings, [_keys.Settings], [seen.IsNull ? string.Empty : seen, text])) == 1)
            {
                ApplySettings(next, revision + 1);
                await Guard(_redis.GetSubscriber().PublishAsync(_keys.Changes, "settings"));
                return next;
            }
        }
    }

    /// <summary>Runs a write script over the resource keys whose arguments end with its log entry.</summary>
    private Task<bool> WriteAsync(string script, string entry, params RedisValue[] before) =>
        WriteAsync(script, _keys.ResourceKeys, entry, [.. before, entry]);

    /// <summary>
    /// Runs a write script (<paramref name="entry"/> is the log entry among its arguments); true when it wrote
    /// (and told the other replicas, and took the entry into the local copy), false when it declined.
    /// </summary>
    private async Task<bool> WriteAsync(string script, RedisKey[] keys, string entry, RedisValue[] values, CreatedResource? created = null)
    {
        EnsureAvailable();
        var version = (long)await Guard(_db.ScriptEvaluateAsync(script, keys, values));
        if (version == 0)
        {
            return false;
        }

        _redis.GetSubscriber().Publish(_keys.Changes, ChangeFrom(version), CommandFlags.FireAndForget);
        await WroteAsync(version, entry, created);
        return true;
    }
}
