namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// How a replica's delivery loops wait while nothing is due in the shared queue: one of them polls every
/// 20 ms, as each did before; the others wait until a claim succeeds or this replica queues an event (then
/// all of them try again). An idle replica asks Redis 50 times a second, not 50 times per loop (32 loops by
/// default: 1,600 scripts a second on the server the API's own writes wait for).
/// </summary>
internal sealed class RedisClaimWaits
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private int _polling;
    private long _polled = Environment.TickCount64;
    private TaskCompletionSource _wake = NewWake();

    /// <summary>Something may be due: every waiting loop claims again.</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();

    /// <summary>Waits before the next claim of a loop that found nothing.</summary>
    /// <exception cref="OperationCanceledException">The loops are stopping.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // The wake-up is read before the poller's place is tried: a poller that finds something after this
            // completes the one read here, and a place found free is taken, so some loop always polls.
            var wake = Volatile.Read(ref _wake).Task;
            if (Interlocked.CompareExchange(ref _polling, 1, 0) == 0)
            {
                try
                {
                    await Task.Delay(Poll, cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref _polled, Environment.TickCount64);
                    Volatile.Write(ref _polling, 0);
                }

                return;
            }

            try
            {
                await wake.WaitAsync(Patience, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                // Nothing came. Someone polled within the last second: wait again. Else the poller stopped (an
                // error, a back-off): the next turn of this loop takes its place.
                while (Environment.TickCount64 - Volatile.Read(ref _polled) < Patience.TotalMilliseconds)
                {
                    wake = Volatile.Read(ref _wake).Task;
                    try
                    {
                        await wake.WaitAsync(Patience, cancellationToken);
                        return;
                    }
                    catch (TimeoutException)
                    {
                        // still nothing
                    }
                }
            }
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
