using System.Collections.Concurrent;

namespace ConnectedCarMock.MockServer.State;

/// <summary>An item created in a collection: the write that created it, its creation order, its id.</summary>
internal readonly record struct CreatedEntry(long Sequence, long Order, string Id);

/// <summary>
/// The items created in one collection of a <see cref="ResourceHistory"/>, in the order they were written: one
/// appender (under the history's lock), readers without a lock. A snapshot sees a prefix of the entries (the
/// sequence grows with every append); the ids it lists are that prefix in creation order, which differs from
/// the order written only when concurrent creates took their numbers in one order and wrote in another.
/// </summary>
internal sealed class CollectionItems
{
    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);
    private CreatedEntry[] _entries = new CreatedEntry[16];
    private int _count;
    private bool _outOfOrder;

    // The last list built, for the snapshot that saw that many entries: lists of one snapshot are built once.
    private Listed? _listed;

    public void Append(CreatedEntry entry)
    {
        if (_count == _entries.Length)
        {
            // Readers of the old array still find every entry they can see in it.
            var grown = new CreatedEntry[_entries.Length * 2];
            Array.Copy(_entries, grown, _count);
            Volatile.Write(ref _entries, grown);
        }

        if (_count > 0 && Compare(entry, _entries[_count - 1]) < 0)
        {
            _outOfOrder = true;
        }

        _entries[_count] = entry;
        _ids.TryAdd(entry.Id, entry.Sequence);
        Volatile.Write(ref _count, _count + 1);
    }

    public bool Contains(string id, long seen) => _ids.TryGetValue(id, out var sequence) && sequence <= seen;

    public IEnumerable<CreatedEntry> Visible(long seen)
    {
        var (entries, count) = Prefix(seen);
        for (var i = 0; i < count; i++)
        {
            yield return entries[i];
        }
    }

    public IReadOnlyList<string> InOrder(long seen)
    {
        var (entries, count) = Prefix(seen);
        if (_listed is { } listed && listed.Count == count)
        {
            return listed.Ids;
        }

        var visible = entries.AsSpan(0, count).ToArray();
        if (Volatile.Read(ref _outOfOrder))
        {
            Array.Sort(visible, Compare);
        }

        var ids = Array.ConvertAll(visible, e => e.Id);
        _listed = new Listed(count, ids);
        return ids;
    }

    /// <summary>The entries a snapshot sees: the array, and how many of its first entries.</summary>
    private (CreatedEntry[] Entries, int Count) Prefix(long seen)
    {
        // Count first, then the array: an array read after the count holds at least that many entries.
        var count = Volatile.Read(ref _count);
        var entries = Volatile.Read(ref _entries);
        var low = 0;
        var high = count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (entries[middle].Sequence <= seen)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return (entries, low);
    }

    private static int Compare(CreatedEntry a, CreatedEntry b) =>
        a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Id, b.Id);

    private sealed record Listed(int Count, string[] Ids);
}
