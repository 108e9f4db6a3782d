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

    /// <summary>The claimed event is done with (delivered, refused or given up): it will not be claimed again.</summary>
    ValueTask CompleteAsync(QueuedEvent item, CancellationToken cancellationToken = default);

    /// <summary>Drops every event not claimed yet (scheduled ones included).</summary>
    ValueTask ClearAsync();
}
