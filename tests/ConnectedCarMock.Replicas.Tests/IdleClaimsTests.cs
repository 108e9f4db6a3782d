using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.Replicas.Tests.Support;
using StackExchange.Redis;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// Replicas with nothing to deliver leave the shared server alone: one delivery loop per replica polls the
/// queue, not every one of them (32 by default, each once per 20 ms, was 1,600 claim scripts a second per
/// replica on the server that every API write waits for).
/// </summary>
[NonParallelizable]
public class IdleClaimsTests
{
    [Test]
    public async Task Idle_replicas_poll_the_shared_queue_from_one_loop_each()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "idle", options: new MockServerOptions());
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{store.Port},allowAdmin=true");
        var server = redis.GetServer("127.0.0.1", store.Port);

        await Task.Delay(500);
        var before = Claims(server);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(2000);
        var perSecond = (Claims(server) - before) / clock.Elapsed.TotalSeconds / replicas.Count;

        TestContext.Out.WriteLine($"{perSecond:F0} claims a second per idle replica ({DeliveryOptions.Immediate.Concurrency} delivery loops each)");
        Assert.That(perSecond, Is.GreaterThan(5), "someone still polls");
        Assert.That(perSecond, Is.LessThan(75), "one loop polls, every 20 ms");
    }

    // Every claim is one EVALSHA (the store's writes are none here: nothing is created).
    private static long Claims(IServer server) =>
        server.Info("commandstats").SelectMany(g => g).Where(p => p.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(p => long.Parse(p.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
}
