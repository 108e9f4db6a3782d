using System.Collections.Concurrent;
using System.Diagnostics;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;
using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// A claim of the delivery queue that throws (a Lua <c>BUSY</c>, a bug) no longer ends a delivery loop for
/// good: the loop logs one line, waits longer each time, claims again, and still stops at once on disposal.
/// </summary>
public class DeliveryClaimFailureTests
{
    [Test]
    public async Task Claims_that_fail_three_times_are_logged_retried_with_growing_waits_and_every_message_arrives_once()
    {
        await using var receiver = WebhookReceiver.Start();
        var log = new ConcurrentQueue<string>();
        FailingClaims? queue = null;
        // One loop, so the three failures are in a row and the waits visibly grow.
        await using var mock = await EventsMock.StartAsync(o => o with { Concurrency = 1, QueueWrapper = q => queue = new FailingClaims(q, failures: 3) }, log: log.Enqueue);
        var channel = await mock.CreateChannelAsync(receiver.Url);

        var remotes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            remotes.Add(await mock.CreateRemoteAsync(mock.Vehicles[i], channel));
        }

        var received = await receiver.WaitForAsync(6, TimeSpan.FromSeconds(30));
        await Task.Delay(500); // a duplicate would come now
        var failures = log.Where(l => l.StartsWith("delivery: claiming the next event failed", StringComparison.Ordinal)).ToList();

        Assert.That(queue!.Failed, Is.EqualTo(3));
        Assert.That(failures, Has.Count.EqualTo(3), string.Join("\n", log));
        Assert.That(failures[0], Does.Contain("(1 in a row): RedisServerException: BUSY Redis is busy running a script").And.EndWith("claiming again in 100 ms"));
        Assert.That(failures[1], Does.Contain("(2 in a row)").And.EndWith("claiming again in 200 ms"));
        Assert.That(failures[2], Does.Contain("(3 in a row)").And.EndWith("claiming again in 400 ms"));
        Assert.That(receiver.Received, Has.Count.EqualTo(6), "a Pending and a Done per remote, none twice");
        Assert.That(receiver.Received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count(), Is.EqualTo(6));
        foreach (var remote in remotes)
        {
            Assert.That(received.Count(r => r.Body.Contains($"\"{remote}\"", StringComparison.Ordinal)), Is.EqualTo(2), remote);
        }
    }

    [Test]
    public async Task A_loop_backing_off_from_claims_that_always_fail_stops_at_once_when_disposed()
    {
        var log = new ConcurrentQueue<string>();
        FailingClaims? queue = null;
        var options = DeliveryOptions.Immediate with { Concurrency = 1, QueueWrapper = q => queue = new FailingClaims(q, failures: int.MaxValue) };
        var hub = new EventHub(new FleetWorld(SpecLoader.LoadEmbedded(), new WorldOptions()), new InMemoryStateStore(), new Dictionary<string, Scenario>(), options, log.Enqueue);
        await hub.EnqueueAsync(new QueuedEvent { Kind = MessageKind.RemotePending, ChannelId = "c", VehicleId = "v", SourcePath = "/remotes/r", SourceId = "r" }, TimeSpan.Zero);

        // After the fifth failure in a row the loop waits 1.6 s before it claims again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (queue!.Failed < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var clock = Stopwatch.StartNew();
        await hub.DisposeAsync();
        var disposal = clock.Elapsed;
        var failedAtDisposal = queue.Failed;
        await Task.Delay(TimeSpan.FromSeconds(2));

        TestContext.Out.WriteLine($"disposed in {disposal.TotalMilliseconds:F0} ms, after {failedAtDisposal} failed claims");
        Assert.That(failedAtDisposal, Is.GreaterThanOrEqualTo(5), string.Join("\n", log));
        Assert.That(disposal, Is.LessThan(TimeSpan.FromMilliseconds(1500)), "disposal cancels the wait, it does not sit it out");
        Assert.That(queue.Failed, Is.EqualTo(failedAtDisposal), "no claim after disposal: the loop ended");
    }

    /// <summary>A queue whose first <paramref name="failures"/> claims throw what a busy Redis answers; then it is the real one.</summary>
    private sealed class FailingClaims(IDeliveryQueue inner, int failures) : IDeliveryQueue
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public int Count => inner.Count;

        public ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default) => inner.EnqueueAsync(item, delay, cancellationToken);

        public ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _failed) <= failures)
            {
                throw new RedisServerException(RedisErrorKind.Busy, CommandFlags.None, "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.");
            }

            Interlocked.Decrement(ref _failed);
            return inner.ClaimAsync(cancellationToken);
        }

        public ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default) => inner.CompleteAsync(item, followUp, cancellationToken);

        public ValueTask ReleaseAsync(QueuedEvent item) => inner.ReleaseAsync(item);

        public ValueTask ClearAsync() => inner.ClearAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
