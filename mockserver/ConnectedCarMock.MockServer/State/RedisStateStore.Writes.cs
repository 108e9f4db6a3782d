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

    public async ValueTask<bool> AddAsync(CreatedResource item, CancellationToken cancellationToken = default)
    {
        var added = await WriteAsync(RedisScripts.Add, RedisLogEntry.Created(item), item.Collection + "\n" + item.Id, item.Order);
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

    /// <summary>
    /// Runs a write script (its arguments, then the log entry last); true when it wrote (and told the other
    /// replicas, and took the entry into the local copy), false when it declined.
    /// </summary>
    private async Task<bool> WriteAsync(string script, string entry, params RedisValue[] values)
    {
        EnsureAvailable();
        var version = (long)await Guard(_db.ScriptEvaluateAsync(script, _keys.ResourceKeys, [.. values, entry]));
        if (version == 0)
        {
            return false;
        }

        _redis.GetSubscriber().Publish(_keys.Changes, ChangeFrom(version), CommandFlags.FireAndForget);
        Wrote(version, entry);
        return true;
    }
}
