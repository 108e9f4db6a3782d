namespace ConnectedCarMock.MockServer.Events;

/// <summary>The journal in process memory: records by message id in arrival order, bounded, waiters woken on every finish.</summary>
internal sealed class InMemoryDeliveryJournal(int capacity) : IDeliveryJournal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Delivery> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private readonly List<Waiter> _waiters = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    public void Begin(Delivery delivery)
    {
        lock (_lock)
        {
            if (!_byId.ContainsKey(delivery.MessageId))
            {
                _order.AddLast(delivery.MessageId);
            }

            _byId[delivery.MessageId] = delivery;
            Trim();
        }

        if (delivery.IsFinished)
        {
            Wake();
        }
    }

    public void Attempt(string messageId, DeliveryAttempt attempt) => Change(messageId, d => d with { Attempts = [.. d.Attempts, attempt] });

    public void Finish(string messageId, DeliveryOutcome outcome, string? reason)
    {
        Change(messageId, d => d with { Outcome = outcome, Reason = reason, CompletedAt = DateTimeOffset.UtcNow });
        Wake();
    }

    public IReadOnlyList<Delivery> Query(DeliveryFilter filter)
    {
        lock (_lock)
        {
            return _order.Select(id => _byId[id]).Where(filter.Matches).ToList();
        }
    }

    public Task<IReadOnlyList<Delivery>> WaitForAsync(Func<Delivery, bool> match, int count, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(match, count);
        lock (_lock)
        {
            if (waiter.TrySatisfy(_order.Select(id => _byId[id])))
            {
                return waiter.Completion.Task;
            }

            _waiters.Add(waiter);
        }

        var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        _ = waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return waiter.Completion.Task;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _byId.Clear();
            _order.Clear();
        }
    }

    private void Change(string messageId, Func<Delivery, Delivery> change)
    {
        lock (_lock)
        {
            if (_byId.TryGetValue(messageId, out var delivery))
            {
                _byId[messageId] = change(delivery);
            }
        }
    }

    private void Wake()
    {
        lock (_lock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            var all = _order.Select(id => _byId[id]).ToList();
            _waiters.RemoveAll(w => w.TrySatisfy(all));
        }
    }

    // The oldest finished deliveries go first; ones still in progress are kept until they finish.
    private void Trim()
    {
        for (var node = _order.First; _byId.Count > capacity && node is not null;)
        {
            var next = node.Next;
            if (_byId[node.Value].IsFinished)
            {
                _byId.Remove(node.Value);
                _order.Remove(node);
            }

            node = next;
        }
    }

    private sealed class Waiter(Func<Delivery, bool> match, int count)
    {
        public TaskCompletionSource<IReadOnlyList<Delivery>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TrySatisfy(IEnumerable<Delivery> deliveries)
        {
            var found = deliveries.Where(d => d.IsFinished && match(d)).Take(count).ToList();
            return found.Count >= count && Completion.TrySetResult(found);
        }
    }
}
