using System.Net;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.Replicas.Tests.Support;
using StackExchange.Redis;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// The claim script failing on the server (a key of the wrong type: the error is Redis', not a lost
/// connection) stops no replica's deliveries for good: they log, back off, and deliver once it works again.
/// </summary>
[NonParallelizable]
public class ClaimFailureTests
{
    private const string Api = "/api/connectedcar/v1";

    [Test]
    public async Task A_claim_script_that_errors_is_logged_and_retried_and_every_message_is_then_delivered_once()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, count: 2, prefix: "claim-fails", options: new MockServerOptions { Events = DeliveryOptions.Immediate with { WebhookHosts = ["loopback"], Concurrency = 2 } });
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{store.Port}");
        var db = redis.GetDatabase();
        using var created = await replicas.Clients[0].PostAsync($"{Api}/accounts/channels", WebhookBodies.Json(WebhookBodies.Channel(receiver.Url, "claims")));
        var channelId = created.Headers.Location!.AbsolutePath.Split('/')[^1];
        var vin = replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

        // Every claim now fails in its first command: WRONGTYPE, an error of the server, not of the connection.
        await db.StringSetAsync("{claim-fails}:events:leases", "not a sorted set");
        for (var i = 0; i < 4; i++)
        {
            using var response = await replicas.Clients[i % 2].PostAsync($"{Api}/accounts/vehicles/{vin}/channels/{channelId}/remotes", WebhookBodies.Json(WebhookBodies.Lock()));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Failures(replicas).Count(l => l.Contains("(3 in a row)", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var whileFailing = receiver.Received.Count;
        await db.KeyDeleteAsync("{claim-fails}:events:leases");
        var received = await receiver.WaitForAsync(8, TimeSpan.FromSeconds(30));
        await Task.Delay(1000); // a duplicate would come now

        TestContext.Out.WriteLine(Failures(replicas).FirstOrDefault());
        Assert.That(Failures(replicas), Has.Some.Contains("WRONGTYPE").And.Some.Contains("(3 in a row)"), string.Join("\n", replicas.Log.Take(20)));
        Assert.That(whileFailing, Is.Zero, "nothing claimable while the script fails");
        Assert.That(received, Has.Count.EqualTo(8));
        Assert.That(receiver.Received, Has.Count.EqualTo(8), "a Pending and a Done per remote, each once");
        Assert.That(receiver.Received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count(), Is.EqualTo(8));
    }

    private static List<string> Failures(ReplicaSet replicas) =>
        [.. replicas.Log.Where(l => l.Contains("] delivery: claiming the next event failed", StringComparison.Ordinal))];
}
