using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// A message that went out is settled whatever the store does meanwhile: a remote's Done queued after its Pending,
/// and the Pending completed, are retried while the store is away, so the receiver gets each message once and the
/// Done is never lost (it was: the failed follow-up left the Pending claimed and unfinished, and no Done came).
/// </summary>
public class DeliverySettleTests
{
    [Test]
    public async Task A_store_away_when_the_done_is_queued_delays_it_and_every_message_still_arrives_once()
    {
        await using var receiver = WebhookReceiver.Start();
        var log = new ConcurrentQueue<string>();
        AwayAtFollowUps? queue = null;
        await using var mock = await EventsMock.StartAsync(o => o with { QueueWrapper = q => queue = new AwayAtFollowUps(q, failures: 2) }, log: log.Enqueue);
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);

        var received = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(500); // a duplicate would come now

        Assert.That(queue!.DoneAttempts, Is.EqualTo(3), "the Done was refused twice, then taken");
        Assert.That(receiver.Received, Has.Count.EqualTo(2), string.Join("\n", log));
        Assert.That(received.All(r => r.Body.Contains($"\"{remote}\"", StringComparison.Ordinal)), Is.True);
        Assert.That(received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count(), Is.EqualTo(2));
    }

    /// <summary>A queue whose store is away for the first <paramref name="failures"/> completions that queue a follow-up (a remote's Done).</summary>
    private sealed class AwayAtFollowUps(IDeliveryQueue inner, int failures) : IDeliveryQueue
    {
        private int _doneAttempts;

        public int DoneAttempts => Volatile.Read(ref _doneAttempts);

        public int Count => inner.Count;

        public ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default) => inner.EnqueueAsync(item, delay, cancellationToken);

        public ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken) => inner.ClaimAsync(cancellationToken);

        public ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default)
        {
            if (followUp?.Item.Kind == MessageKind.RemoteDone && Interlocked.Increment(ref _doneAttempts) <= failures)
            {
                throw new StoreUnavailableException("the state store at redis://test did not answer: connection lost");
            }

            return inner.CompleteAsync(item, followUp, cancellationToken);
        }

        public ValueTask ReleaseAsync(QueuedEvent item) => inner.ReleaseAsync(item);

        public ValueTask ClearAsync() => inner.ClearAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
