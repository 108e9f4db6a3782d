using ConnectedCarMock.Replicas.Tests.Support;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// Three replicas over one real Redis-protocol server, 16 clients sending mixed operations on channels,
/// monitors and remotes round-robin: nothing acknowledged is lost or duplicated, and every write is read
/// back through another replica at once.
/// </summary>
[NonParallelizable]
public class MixedOperationsTests
{
    private const int Operations = 10_000;
    private const int Clients = 16;

    [TestCase("redis")]
    [TestCase("garnet")]
    public async Task Ten_thousand_mixed_operations_on_three_replicas_lose_and_duplicate_nothing(string server)
    {
        await using var store = StateServer.Create(server);
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: $"mixed-{server}");

        var result = await new Workload(replicas).RunAsync(Operations, Clients);
        var problems = await Verifier.CheckAsync(replicas, result);

        TestContext.Out.WriteLine($"{store.Name}: {result}; {result.Items.Count} items created");
        Assert.That(result.Violations, Is.Empty, "every read-your-write honoured");
        Assert.That(problems, Is.Empty, "nothing lost or duplicated");
        Assert.That(result.Unavailable + result.ConnectionFailures, Is.Zero);
        Assert.That(result.ReadYourWriteChecks, Is.GreaterThan(Operations / 4));
    }

    [Test]
    public async Task A_replica_killed_and_restarted_mid_run_loses_nothing_acknowledged()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "killed");
        var killed = 0;

        var result = await new Workload(replicas, seed: 2).RunAsync(Operations, Clients, async done =>
        {
            if (done == Operations / 3 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                replicas.Kill(1);
                await Task.Delay(1000);
                await replicas.RestartAsync(1);
            }
        });
        var problems = await Verifier.CheckAsync(replicas, result);

        TestContext.Out.WriteLine($"{result}; {result.Items.Count} items created, {result.Items.Count(i => i.Unsure)} of unknown fate (their answer was cut)");
        Assert.That(killed, Is.EqualTo(1));
        Assert.That(result.Violations, Is.Empty, "every read-your-write honoured");
        Assert.That(problems, Is.Empty, "nothing acknowledged lost or duplicated");
        Assert.That(result.ConnectionFailures, Is.GreaterThan(0), "the kill cut requests off");
    }
}
