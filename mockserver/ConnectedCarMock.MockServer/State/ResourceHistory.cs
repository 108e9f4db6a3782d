using System.Collections.Concurrent;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The writes of one lineage of <see cref="ResourceState"/> snapshots, each appended once and numbered (its
/// sequence): a snapshot sees the entries numbered up to its own. Appends are serialized by a lock and only
/// continue the newest snapshot; readers take no lock (concurrent dictionaries, and lists published count last).
/// Nothing is ever removed: an overlay changed or removed is a newer version, a deletion an entry of its own.
/// </summary>
internal sealed class ResourceHistory
{
    private readonly Lock _append = new();
    private readonly ConcurrentDictionary<string, CollectionItems> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OverlayVersion> _overlays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deleted = new(StringComparer.Ordinal);
    private const long Kept = 4_096;

    private readonly bool _frozen;
    private long _head;

    private ResourceHistory(bool frozen) => _frozen = frozen;

    /// <summary>The history of <see cref="ResourceState.Empty"/>: never appended to, so no lineage keeps another's entries.</summary>
    public static ResourceHistory Shared { get; } = new(frozen: true);

    /// <summary>The sequence of the first write; <see cref="long.MaxValue"/> while there is none.</summary>
    public long First { get; private set; } = long.MaxValue;

    /// <summary>Appends a write continuing the snapshot that sees <paramref name="seen"/>; -1 when that is not the newest.</summary>
    public long TryAppend(long seen, Func<ResourceHistory, long> append)
    {
        lock (_append)
        {
            return _frozen || _head != seen ? -1 : append(this);
        }
    }

    /// <summary>A history of its own holding what a snapshot sees, for a write that does not continue the newest one.</summary>
    public ResourceHistory Copy(long seen)
    {
        var copy = new ResourceHistory(frozen: false) { _head = seen, First = First <= seen ? First : long.MaxValue };
        foreach (var (name, items) in _collections)
        {
            foreach (var item in items.Visible(seen))
            {
                copy.Items(name).Append(item);
            }
        }

        foreach (var (path, versions) in _overlays)
        {
            if (versions.At(seen) is { } visible)
            {
                copy._overlays[path] = new OverlayVersion(visible.Sequence, visible.Bytes, null);
            }
        }

        foreach (var (path, sequence) in _deleted.Where(d => d.Value <= seen))
        {
            copy._deleted[path] = sequence;
        }

        return copy;
    }

    // Appends: under the lock, from TryAppend.
    public long Add(string collection, string id, long order, string path, byte[]? overlay)
    {
        var sequence = Next();
        Items(collection).Append(new CreatedEntry(sequence, order, id));
        if (overlay is not null)
        {
            _overlays[path] = Versioned(path, sequence, overlay);
        }

        return sequence;
    }

    public long SetOverlay(string path, byte[] overlay)
    {
        var sequence = Next();
        _overlays[path] = Versioned(path, sequence, overlay);
        return sequence;
    }

    public long Delete(string path)
    {
        var sequence = Next();
        _deleted.TryAdd(path, sequence);
        if (_overlays.ContainsKey(path))
        {
            _overlays[path] = Versioned(path, sequence, null);
        }

        return sequence;
    }

    /// <summary>
    /// A new version of a path's overlay before the ones kept: those a snapshot at most <see cref="Kept"/> writes old
    /// can still see. Without a bound, an item updated a million times would keep a million bodies until a reset;
    /// a request holds its snapshot for milliseconds, far fewer writes than that.
    /// </summary>
    private OverlayVersion Versioned(string path, long sequence, byte[]? overlay)
    {
        var older = _overlays.GetValueOrDefault(path);
        for (var version = older; version is not null; version = version.Older)
        {
            if (version.Sequence <= sequence - Kept)
            {
                version.Older = null; // readers that can reach further down are older than any kept snapshot
                break;
            }
        }

        return new OverlayVersion(sequence, overlay, older);
    }

    // Reads: any thread, no lock.
    public IReadOnlyList<string> Created(string collection, long seen) =>
        _collections.TryGetValue(collection, out var items) ? items.InOrder(seen) : [];

    public bool IsCreated(string collection, string id, long seen) =>
        _collections.TryGetValue(collection, out var items) && items.Contains(id, seen);

    public byte[]? Overlay(string path, long seen) => _overlays.TryGetValue(path, out var versions) ? versions.At(seen)?.Bytes : null;

    public bool IsDeleted(string path, long seen) => _deleted.TryGetValue(path, out var sequence) && sequence <= seen;

    /// <summary>How many versions of a path's overlay are kept (what bounds the memory of an item updated often).</summary>
    public int VersionsOf(string path)
    {
        var count = 0;
        for (var version = _overlays.GetValueOrDefault(path); version is not null; version = version.Older)
        {
            count++;
        }

        return count;
    }

    private long Next()
    {
        var sequence = ++_head;
        if (First == long.MaxValue)
        {
            First = sequence;
        }

        return sequence;
    }

    private CollectionItems Items(string collection) => _collections.GetOrAdd(collection, _ => new CollectionItems());

    /// <summary>An overlay as of a write (null bytes: removed), and the version before it.</summary>
    private sealed class OverlayVersion(long sequence, byte[]? bytes, OverlayVersion? older)
    {
        public long Sequence { get; } = sequence;

        public byte[]? Bytes { get; } = bytes;

        public OverlayVersion? Older { get; set; } = older;

        public OverlayVersion? At(long seen)
        {
            var version = this;
            while (version is not null && version.Sequence > seen)
            {
                version = version.Older;
            }

            return version;
        }
    }
}
