using System.Collections.ObjectModel;
using System.Reflection;
using WireMock.Logging;
using WireMock.Server;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The journal of requests answered on the fast path: a ring of the last <c>--journal-size</c> entries,
/// written without locks (one interlocked increment per request). WireMock's admin API and its
/// in-process journal show them: before anything reads WireMock's journal (any <c>/__admin</c> request,
/// any call on <see cref="ConnectedCarMockServer.WireMock"/>), the new entries move into it, in time order,
/// and it is trimmed to the same size as WireMock trims its own.
/// </summary>
internal sealed class FastPathJournal
{
    private readonly JournalEntry?[] _ring;
    private readonly Collection<LogEntry>? _wireMockLog;
    private readonly Lock _flush = new();
    private long _written;
    private long _flushed;

    public FastPathJournal(int capacity, WireMockServer? server)
    {
        _ring = new JournalEntry?[Math.Max(0, capacity)];
        _wireMockLog = capacity > 0 && server is not null ? LogOf(server) : null;
    }

    public bool IsEnabled => _ring.Length > 0;

    public void Record(JournalEntry entry)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        var sequence = Interlocked.Increment(ref _written);
        entry.Sequence = sequence;
        Volatile.Write(ref _ring[(sequence - 1) % _ring.Length], entry);
    }

    /// <summary>The entries recorded since the last call, oldest first (for tests and <see cref="Flush"/>).</summary>
    public List<JournalEntry> Take()
    {
        var taken = new List<JournalEntry>();
        lock (_flush)
        {
            var upTo = Volatile.Read(ref _written);
            var from = Math.Max(_flushed + 1, upTo - _ring.Length + 1);
            for (var sequence = from; sequence <= upTo; sequence++)
            {
                var entry = Volatile.Read(ref _ring[(sequence - 1) % _ring.Length]);
                if (entry is null || entry.Sequence < sequence)
                {
                    upTo = sequence - 1; // counted but not written yet: the next call takes it
                    break;
                }

                if (entry.Sequence == sequence && entry.Response is not null)
                {
                    taken.Add(entry);
                }
            }

            _flushed = Math.Max(_flushed, upTo);
        }

        return taken;
    }

    /// <summary>Moves new entries into WireMock's journal.</summary>
    public void Flush()
    {
        if (_wireMockLog is not { } log || Volatile.Read(ref _written) == Volatile.Read(ref _flushed))
        {
            return;
        }

        foreach (var entry in Take())
        {
            var logEntry = new LogEntry
            {
                Guid = Guid.NewGuid(),
                RequestMessage = new JournalRequestMessage(entry),
                ResponseMessage = WireMockAdapter.ToResponseMessage(entry.Response!, entry.At),
            };
            var at = log.Count;
            while (at > 0 && log[at - 1].RequestMessage?.DateTime > entry.At)
            {
                at--;
            }

            log.Insert(at, logEntry);
        }

        while (log.Count > _ring.Length)
        {
            log.RemoveAt(0);
        }
    }

    // WireMock keeps its journal in an internal collection; entries added there are what its admin API and
    // LogEntries show. Version 2.21.0 is pinned (Directory.Packages.props); a test fails if this moves.
    private static Collection<LogEntry>? LogOf(WireMockServer server)
    {
        var options = typeof(WireMockServer).GetField("_options", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(server);
        return options?.GetType().GetProperty("LogEntries")?.GetValue(options) as Collection<LogEntry>;
    }
}
