namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// What happened to every message: built, each attempt, the outcome. Bounded. In memory today; a
/// Redis implementation keeps one hash per delivery and a capped stream of their ids, and wakes
/// waiters through keyspace notifications or pub/sub.
/// </summary>
internal interface IDeliveryJournal
{
    int Count { get; }

    /// <summary>Records a delivery as it starts (or replaces the record of an earlier claim of the same message).</summary>
    void Begin(Delivery delivery);

    void Attempt(string messageId, DeliveryAttempt attempt);

    void Finish(string messageId, DeliveryOutcome outcome, string? reason);

    /// <summary>The deliveries matching the filter, oldest first.</summary>
    IReadOnlyList<Delivery> Query(DeliveryFilter filter);

    /// <summary>Waits until <paramref name="count"/> finished deliveries match.</summary>
    Task<IReadOnlyList<Delivery>> WaitForAsync(Func<Delivery, bool> match, int count, CancellationToken cancellationToken);

    void Clear();
}
