using System.Threading.Channels;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The in-process queue: due events in an unbounded channel, delayed ones on timers until due.
/// Claims cannot outlive the process, so completing needs no bookkeeping here.
/// </summary>
internal sealed class InMemoryDeliveryQueue : IDeliveryQueue
{
    private readonly Channel<QueuedEvent> _due = Channel.CreateUnbounded<QueuedEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private CancellationTokenSource _scheduled = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        if (delay <= TimeSpan.Zero)
        {
            _due.Writer.TryWrite(item);
            return ValueTask.CompletedTask;
        }

        var scheduled = _scheduled.Token;
        _ = Task.Delay(delay, scheduled).ContinueWith(
            t =>
            {
                if (t.IsCanceled)
                {
                    Interlocked.Decrement(ref _count);
                }
                else
                {
                    _due.Writer.TryWrite(item);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken)
    {
        var item = await _due.Reader.ReadAsync(cancellationToken);
        Interlocked.Decrement(ref _count);
        return item;
    }

    public ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default) =>
        followUp is { } next ? EnqueueAsync(next.Item, next.Delay, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask ReleaseAsync(QueuedEvent item) => EnqueueAsync(item, TimeSpan.FromSeconds(1));

    public async ValueTask ClearAsync()
    {
        var scheduled = Interlocked.Exchange(ref _scheduled, new CancellationTokenSource());
        await scheduled.CancelAsync();
        scheduled.Dispose();
        while (_due.Reader.TryRead(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _due.Writer.TryComplete();
        await _scheduled.CancelAsync();
        _scheduled.Dispose();
    }
}
