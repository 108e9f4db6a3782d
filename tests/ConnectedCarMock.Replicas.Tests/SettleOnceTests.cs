using System.Net;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Replicas.Tests.Support;
using StackExchange.Redis;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// A delivered event is completed and its follow-up (a remote's Done) queued in one script: when the reply to
/// that script is lost and the replica sends it again, the second run finds the event completed and queues
/// nothing (before, the Done was queued by one call and the event completed by another, and a lost reply to the
/// first queued a second Done).
/// </summary>
[NonParallelizable]
public class SettleOnceTests
{
    private const string Api = "/api/connectedcar/v1";

    [TestCase("redis")]
    [TestCase("garnet")]
    public async Task The_completion_script_run_twice_queues_its_follow_up_once(string server)
    {
        await using var store = StateServer.Create(server);
        store.Start();
        using var shared = RedisStateStore.Connect(RedisStateTarget.Parse(store.Url, "settle-" + server), RuntimeSettings.Default);
        await using var queue = new RedisDeliveryQueue(shared, () => 0);
        var pending = new QueuedEvent { Kind = MessageKind.RemotePending, ChannelId = "c1", VehicleId = "v1", SourcePath = "/remotes/r1", SourceId = "r1" };
        await queue.EnqueueAsync(pending, TimeSpan.Zero);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await queue.ClaimAsync(timeout.Token);
        var leased = (string)(await shared.Database.SortedSetRangeByRankAsync(shared.Keys.EventLeases)).Single()!;
        var done = new ScheduledEvent(pending with { Kind = MessageKind.RemoteDone }, TimeSpan.Zero);

        var first = await queue.CompleteAsync(leased, done);
        var again = await queue.CompleteAsync(leased, done);

        Assert.That(first, Is.True, "the first run completes the Pending");
        Assert.That(again, Is.False, "the same script again finds it completed");
        Assert.That(queue.Count, Is.EqualTo(1), "one Done queued");
        Assert.That(await shared.Database.SortedSetLengthAsync(shared.Keys.EventLeases), Is.Zero);
        Assert.That((await queue.ClaimAsync(timeout.Token)).Kind, Is.EqualTo(MessageKind.RemoteDone));
    }

    [Test]
    public async Task A_lost_reply_to_the_completion_of_a_pending_brings_no_second_done()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{store.Port}");
        LosesFirstReply? lossy = null;
        var options = new MockServerOptions { Events = DeliveryOptions.Immediate with { WebhookHosts = ["loopback"], QueueWrapper = q => lossy = new LosesFirstReply((RedisDeliveryQueue)q, redis.GetDatabase()) } };
        await using var replicas = await ReplicaSet.StartAsync(store.Url, count: 1, prefix: "lost-reply", options: options);
        using var created = await replicas.Clients[0].PostAsync($"{Api}/accounts/channels", WebhookBodies.Json(WebhookBodies.Channel(receiver.Url, "lost")));
        var channelId = created.Headers.Location!.AbsolutePath.Split('/')[^1];
        var vin = replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

        using var remote = await replicas.Clients[0].PostAsync($"{Api}/accounts/vehicles/{vin}/channels/{channelId}/remotes", WebhookBodies.Json(WebhookBodies.Lock()));
        Assert.That(remote.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await remote.Content.ReadAsStringAsync());
        var received = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(1000); // a second Done would come now

        Assert.That(lossy!.Lost, Is.EqualTo(1), "the reply to the Pending's completion was lost once, after the script ran");
        Assert.That(received.Select(r => JsonNode.Parse(r.Body)!["remoteEvent"]!["eventStatus"]!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "Pending", "Done" }));
        Assert.That(receiver.Received, Has.Count.EqualTo(2), "each once");
    }

    /// <summary>Runs the first completion that queues a Done, then reports the store away, as if its reply had been lost.</summary>
    private sealed class LosesFirstReply(RedisDeliveryQueue inner, IDatabase db) : IDeliveryQueue
    {
        private int _lost;

        public int Lost => Volatile.Read(ref _lost);

        public int Count => inner.Count;

        public ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay, CancellationToken cancellationToken = default) => inner.EnqueueAsync(item, delay, cancellationToken);

        public ValueTask<QueuedEvent> ClaimAsync(CancellationToken cancellationToken) => inner.ClaimAsync(cancellationToken);

        public async ValueTask CompleteAsync(QueuedEvent item, ScheduledEvent? followUp = null, CancellationToken cancellationToken = default)
        {
            if (followUp?.Item.Kind == MessageKind.RemoteDone && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
            {
                var id = (string)(await db.SortedSetRangeByRankAsync("{lost-reply}:events:leases")).Single()!;
                await inner.CompleteAsync(id, followUp);
                throw new StoreUnavailableException("the state store at redis://test did not answer: timeout");
            }

            await inner.CompleteAsync(item, followUp, cancellationToken);
        }

        public ValueTask ReleaseAsync(QueuedEvent item) => inner.ReleaseAsync(item);

        public ValueTask ClearAsync() => inner.ClearAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
