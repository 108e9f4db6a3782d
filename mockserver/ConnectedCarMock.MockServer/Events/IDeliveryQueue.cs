namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The events waiting to be delivered. Delivery is at least once: an event is claimed by one
/// consumer, and completed once it is delivered or given up; one that is never completed may be
/// claimed again. In memory today; shaped for Redis streams with a consumer group (enqueue =
/// <c>XADD</c>, after a sorted set holds delayed entries until due; claim = <c>XREADGROUP</c>, plus
/// <c>XAUTOCLAIM</c> of entries a dead replica left pending; complete = <c>XACK</c>).
/// </summary>
internal interface IDeliveryQueue : IAsyncDisposable
{
    /// <summary>Events queued or scheduled, not yet claimed.</summary>
    int Count { get; }

    /// <summary>Adds an event, claimable once <paramref name="delay"/> has passed.</summary>
    ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next due event and claims it for this consumer alone.</summary>
    ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The claimed event is done with (delivered, refused or given up): it will not be claimed again. Its
    /// <paramref name="followUp"/> (a remote's Done, a monitor's next refresh) joins the queue in the same step, and
    /// only when this call is what completed the event: a call repeated because its reply never came queues no
    /// second one. A call that failed may be repeated (the claim is kept meanwhile).
    /// </summary>
    ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default);

    /// <summary>The claimed event was not handled (the store was away): it is to be claimed again, here or elsewhere.</summary>
    ValueTask ReleaseAsync(QueuedEvent item);

    /// <summary>Drops every event not claimed yet (scheduled ones included).</summary>
    ValueTask ClearAsync();
}

/// <summary>
/// A queue kept in the same store as the resources (Redis), which queues the events a created item raises
/// in the very write that stores the item: one atomic step. A create that failed (503) queued nothing, one
/// that succeeded queued everything; a client that retries after a 503 makes no second item beside a first
/// one whose events never go.
/// </summary>
internal interface IAtomicDeliveryQueue : IDeliveryQueue
{
    /// <summary>From now on, every item the store creates asks <paramref name="raised"/> for its events and queues them with it.</summary>
    void QueueWithCreates(Func<State.CreatedResource, IReadOnlyList<ScheduledEvent>> raised);
}
