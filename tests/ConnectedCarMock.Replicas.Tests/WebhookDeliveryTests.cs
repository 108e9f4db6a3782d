using System.Net;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.Replicas.Tests.Support;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// Webhook deliveries on three replicas sharing one queue in Redis: every Pending and Done of 200 remotes
/// created round-robin reaches the receiver once, and what a killed replica had claimed is taken over by
/// another one when its lease expires.
/// </summary>
[NonParallelizable]
public class WebhookDeliveryTests
{
    private const int Remotes = 200;
    private const string Api = "/api/connectedcar/v1";

    [Test]
    public async Task Two_hundred_remotes_across_three_replicas_each_send_pending_and_done_exactly_once()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "webhooks", options: Options());

        await CreateRemotesAsync(replicas, receiver.Url, kill: null);
        var received = await WaitDistinctAsync(receiver, Remotes * 2);
        await Task.Delay(1000); // a duplicate would come now

        var byId = receiver.Received.GroupBy(r => r.Header(DeliveryHeaders.MessageId)).ToList();
        var delivered = Enumerable.Range(0, replicas.Count).Select(i => replicas.Server(i).Deliveries.All.Count).ToList();
        TestContext.Out.WriteLine($"{receiver.Received.Count} requests, {byId.Count} message ids; delivered by replica: {string.Join(", ", delivered)}");
        Assert.That(received, Is.EqualTo(Remotes * 2));
        Assert.That(byId.Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no message twice");
        Assert.That(receiver.Received, Has.Count.EqualTo(Remotes * 2));
        Assert.That(delivered.Count(d => d > 0), Is.GreaterThan(1), "the replicas share the work");
        Assert.That(Kinds(receiver), Is.EqualTo((Remotes, Remotes)), "a Pending and a Done per remote");
    }

    [Test]
    public async Task What_a_killed_replica_had_claimed_is_delivered_by_another_once_its_lease_expires()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        // The receiver holds every request until released: each replica's sender is busy with its claims
        // when replica 0 is killed, so the kill cuts attempts that replica 0 had claimed.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = WebhookReceiver.Start(async _ =>
        {
            await gate.Task;
            return 201;
        });
        // Held attempts must not time out while the remotes are being created (seconds on a loaded machine): a
        // timed-out attempt is retried by the same replica, and only what the kill cuts is to be sent again.
        var options = Options();
        options = options with { Events = options.Events with { AttemptTimeout = TimeSpan.FromSeconds(120) } };
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "webhooks-kill", options: options);

        await CreateRemotesAsync(replicas, receiver.Url, kill: null);
        await WaitCountAsync(receiver, 3 * 8);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        replicas.Kill(0);
        gate.SetResult();
        var received = await WaitDistinctAsync(receiver, Remotes * 2, TimeSpan.FromSeconds(90));
        await Task.Delay(1000);

        var duplicates = receiver.Received.Count - received;
        TestContext.Out.WriteLine($"{receiver.Received.Count} requests, {received} message ids, {duplicates} sent again by another replica after the kill cut them; all in {clock.Elapsed.TotalSeconds:F1} s after the kill");
        Assert.That(received, Is.EqualTo(Remotes * 2), "every message of every acknowledged remote arrives");
        Assert.That(Kinds(receiver), Is.EqualTo((Remotes, Remotes)));
        Assert.That(duplicates, Is.GreaterThan(0), "the kill cut attempts of replica 0, which others made again");
        Assert.That(duplicates, Is.LessThanOrEqualTo(DeliveryOptions.Immediate.Concurrency), "only the attempts the kill cut, each made again once");
        Assert.That(receiver.Received.GroupBy(r => r.Header(DeliveryHeaders.MessageId)).Max(g => g.Count()), Is.LessThanOrEqualTo(2));
    }

    private static async Task WaitCountAsync(WebhookReceiver receiver, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private static MockServerOptions Options() =>
        new() { Events = DeliveryOptions.Immediate with { WebhookHosts = ["loopback"] } };

    /// <summary>One webhook channel, then the remotes round-robin; with <paramref name="kill"/>, replica 0 dies after that many.</summary>
    private static async Task CreateRemotesAsync(ReplicaSet replicas, string target, int? kill)
    {
        var created = await replicas.Clients[0].PostAsync($"{Api}/accounts/channels", WebhookBodies.Json(WebhookBodies.Channel(target, "replicas")));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        var channelId = created.Headers.Location!.AbsolutePath.Split('/')[^1];
        var vin = replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];
        var acknowledged = 0;
        for (var i = 0; acknowledged < Remotes; i++)
        {
            if (kill == acknowledged && i % replicas.Count == 0 && !replicas.IsDown(0))
            {
                replicas.Kill(0);
            }

            var replica = i % replicas.Count;
            if (replicas.IsDown(replica))
            {
                continue;
            }

            using var response = await replicas.Clients[replica].PostAsync($"{Api}/accounts/vehicles/{vin}/channels/{channelId}/remotes", WebhookBodies.Json(WebhookBodies.Lock()));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            acknowledged++;
        }
    }

    private static async Task<int> WaitDistinctAsync(WebhookReceiver receiver, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        int distinct;
        while ((distinct = receiver.Received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count()) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return distinct;
    }

    /// <summary>Distinct Pending and Done messages (by message id).</summary>
    private static (int Pending, int Done) Kinds(WebhookReceiver receiver)
    {
        var distinct = receiver.Received.GroupBy(r => r.Header(DeliveryHeaders.MessageId)).Select(g => g.First().Body).ToList();
        return (distinct.Count(b => b.Contains("\"Pending\"", StringComparison.Ordinal)), distinct.Count(b => b.Contains("\"Done\"", StringComparison.Ordinal)));
    }
}
