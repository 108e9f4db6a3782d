using ConnectedCarMock.Fixtures.Events;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The delivery journal for tests in the same process: what was sent where, and a way to wait for
/// a delivery instead of sleeping: <c>await mock.Deliveries.WaitForAsync(d => d.RemoteId == id &amp;&amp; d.Kind == MessageKind.RemoteDone)</c>.
/// </summary>
public sealed class MockDeliveries
{
    /// <summary>How long a wait lasts unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly EventHub _hub;

    internal MockDeliveries(EventHub hub) => _hub = hub;

    /// <summary>Every delivery the journal holds, oldest first.</summary>
    public IReadOnlyList<Delivery> All => _hub.Journal.Query(new DeliveryFilter());

    /// <summary>Events queued or scheduled, not yet taken by the sender.</summary>
    public int Queued => _hub.Queue.Count;

    public IReadOnlyList<Delivery> Find(DeliveryFilter filter) => _hub.Journal.Query(filter);

    /// <summary>The first finished delivery that matches (delivered, failed, not delivered or recorded).</summary>
    /// <exception cref="TimeoutException">None finished in time; the message lists what the journal holds.</exception>
    public async Task<Delivery> WaitForAsync(Func<Delivery, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (await WaitForAsync(1, match, timeout, cancellationToken))[0];

    /// <summary>The first <paramref name="count"/> finished deliveries that match.</summary>
    /// <exception cref="TimeoutException">Fewer finished in time; the message lists what the journal holds.</exception>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, Func<Delivery, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            return await _hub.Journal.WaitForAsync(match, count, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var held = All;
            throw new TimeoutException(
                $"{count} matching deliveries did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s; the journal holds {held.Count} "
                + $"({string.Join(", ", held.TakeLast(10).Select(d => $"{d.Kind} {d.Outcome}{(d.Reason is null ? string.Empty : $": {d.Reason}")}"))}), {Queued} queued");
        }
    }

    /// <summary>Fires a monitor, as <c>POST /__mock/monitors/{id}/trigger</c> does.</summary>
    /// <exception cref="ArgumentException">The monitor does not exist, or the trigger is invalid.</exception>
    public async Task<TriggerResult> TriggerMonitorAsync(string monitorId, MonitorTrigger? trigger = null)
    {
        var result = await _hub.TriggerAsync(monitorId, trigger ?? new MonitorTrigger());
        return result.Error is null ? result : throw new ArgumentException(result.Error, nameof(monitorId));
    }

    /// <summary>The messages a remote raised, in the order they were sent.</summary>
    public IReadOnlyList<Delivery> OfRemote(string remoteId) => Find(new DeliveryFilter(RemoteId: remoteId));

    /// <summary>The messages a monitor raised, in the order they were sent.</summary>
    public IReadOnlyList<Delivery> OfMonitor(string monitorId) => Find(new DeliveryFilter(MonitorId: monitorId));

    /// <summary>How a message kind is written in the journal's JSON and in filters.</summary>
    public static string Name(MessageKind kind) => kind.ToString();
}
