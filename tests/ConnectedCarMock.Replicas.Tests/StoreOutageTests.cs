using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Cli;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Replicas.Tests.Support;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>The store goes away and comes back: 503 with the error body meanwhile, nothing acknowledged lost, recovery by itself.</summary>
[NonParallelizable]
public class StoreOutageTests
{
    private const string Vehicle = "/api/connectedcar/v1/accounts/vehicles";

    [Test]
    public async Task Redis_stopped_ten_seconds_mid_run_answers_503_meanwhile_none_after_and_loses_nothing_acknowledged()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "outage");
        var result = new WorkloadResult();
        var stopped = 0;
        var recovery = TimeSpan.Zero;

        await new Workload(replicas, seed: 3).RunAsync(10_000, 16, async step =>
        {
            if (step == 2_000 && Interlocked.Exchange(ref stopped, 1) == 0)
            {
                store.Stop();
                await Task.Delay(TimeSpan.FromSeconds(10));
                store.Start();
                var back = Stopwatch.StartNew();
                await WaitAnsweringAsync(replicas, "/api/connectedcar/v1/accounts/channels");
                recovery = back.Elapsed;
                result.NoUnavailableAfter = DateTime.UtcNow;
            }
        }, result);
        var problems = await Verifier.CheckAsync(replicas, result);

        TestContext.Out.WriteLine($"{result}; every replica answered again {recovery.TotalMilliseconds:F0} ms after Redis was back");
        Assert.That(stopped, Is.EqualTo(1));
        Assert.That(result.Unavailable, Is.GreaterThan(0), "503s while Redis was stopped");
        Assert.That(result.Violations, Is.Empty, $"read-your-writes, and no 503 once every replica answered again (at {result.NoUnavailableAfter:HH:mm:ss.fff}); the replicas' last 503 lines:\n"
            + string.Join("\n", replicas.Log.Where(l => l.Contains(": 503 ", StringComparison.Ordinal)).TakeLast(5)));
        Assert.That(problems, Is.Empty, "nothing acknowledged lost");
        Assert.That(replicas.Log.Count(l => l.Contains("connection lost", StringComparison.Ordinal)), Is.GreaterThan(0), string.Join("\n", replicas.Log.Take(20)));

        // A Redis restarting with persistence may first answer LOADING, which the client reports as one more loss
        // and restoration: what counts is that every replica's last word on its connection is "restored".
        for (var replica = 0; replica < replicas.Count; replica++)
        {
            var last = replicas.Log.LastOrDefault(l => l.Contains($"[{replica}] state store", StringComparison.Ordinal) && l.Contains("connection", StringComparison.Ordinal));
            Assert.That(last, Does.Contain("connection restored"), $"replica {replica}");
        }
    }

    [Test]
    public async Task While_the_store_is_down_every_request_gets_503_with_the_error_body_and_a_log_line()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, count: 1, prefix: "down");
        var vin = replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];
        Assert.That((await replicas.Clients[0].GetAsync($"{Vehicle}/{vin}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        store.Stop();
        await WaitAsync(async () => (await replicas.Clients[0].GetAsync($"{Vehicle}/{vin}")).StatusCode == HttpStatusCode.ServiceUnavailable);
        foreach (var (method, path) in new[] { ("GET", $"{Vehicle}/{vin}"), ("GET", "/api/connectedcar/v1/accounts/channels"), ("POST", "/__mock/reset"), ("POST", "/__mock/faults") })
        {
            using var response = await replicas.Clients[0].SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("status=500") });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That((int)response.StatusCode, Is.EqualTo(503), $"{method} {path}");
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("SERVICE_UNAVAILABLE"));
            Assert.That(body["message"]!.GetValue<string>(), Does.Contain("state store"));
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        }

        Assert.That(replicas.Log, Has.Some.Contains("connection lost").And.Contains("answers 503"));
        store.Start();
        await WaitAnsweringAsync(replicas, $"{Vehicle}/{vin}");
        Assert.That(replicas.Log, Has.Some.Contains("connection restored"));
    }

    [Test]
    public async Task An_event_queued_while_the_store_is_away_is_unavailable_not_an_error()
    {
        // The race the ten-second outage found: a remote written just before Redis went away, its event queued
        // just after; the API must say 503 (try again), not 500.
        await using var store = StateServer.Create("garnet");
        store.Start();
        using var shared = RedisStateStore.Connect(RedisStateTarget.Parse(store.Url, "queue-away"), RuntimeSettings.Default);
        await using var queue = new RedisDeliveryQueue(shared, () => 0);
        var item = new QueuedEvent { Kind = MessageKind.RemotePending, ChannelId = "c1", VehicleId = "v1", SourcePath = "/remotes/r1", SourceId = "r1" };
        await queue.EnqueueAsync(item, TimeSpan.FromMinutes(1));

        store.Stop();

        Assert.ThrowsAsync<StoreUnavailableException>(async () => await queue.EnqueueAsync(item, TimeSpan.Zero));
        Assert.ThrowsAsync<StoreUnavailableException>(async () => await queue.ClearAsync());
    }

    [Test]
    public async Task A_store_restarted_without_persistence_is_noticed_and_the_replicas_go_on_from_what_it_holds()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, count: 2, prefix: "amnesia");
        var created = await replicas.Clients[0].PostAsync("/api/connectedcar/v1/accounts/channels", ChannelBody(replicas, "before"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        var before = created.Headers.Location!.AbsolutePath;
        Assert.That((await replicas.Clients[0].GetAsync(before)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await replicas.Clients[1].GetAsync(before)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        store.Stop();
        store.Start();
        await WaitAnsweringAsync(replicas, "/api/connectedcar/v1/accounts/channels");
        await WaitAsync(() => Task.FromResult(replicas.Log.Count(l => l.Contains("without persistence", StringComparison.Ordinal)) == 2));
        var after = await replicas.Clients[1].PostAsync("/api/connectedcar/v1/accounts/channels", ChannelBody(replicas, "after"));
        var read = await replicas.Clients[0].GetAsync(after.Headers.Location);

        // The server forgot the creation orders too, so ids start over: the new channel may take the forgotten one's id.
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await read.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"after\"").And.Not.Contain("\"before\""), "no answer cached for the forgotten state is served for the new one");
        var listed = await Verifier.ListAsync(replicas.Clients[1], "/api/connectedcar/v1/accounts/channels");
        Assert.That(listed.Count(id => before.EndsWith("/" + id, StringComparison.Ordinal) || after.Headers.Location!.AbsolutePath.EndsWith("/" + id, StringComparison.Ordinal)), Is.EqualTo(1), "only what the server holds now");
    }

    [Test]
    public async Task Start_up_with_an_unreachable_store_fails_fast_with_one_line_and_exit_2()
    {
        var port = StateServer.Create("garnet").Port; // a free port nobody listens on
        var clock = Stopwatch.StartNew();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MockCli.RunAsync(["--port", "0", "--state", $"redis://127.0.0.1:{port}"], output, error);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(lines, Has.Length.EqualTo(1), error.ToString());
        Assert.That(lines[0], Does.StartWith($"connectedcar-mock: cannot reach the state store at redis://127.0.0.1:{port}/0 (prefix 'ccmock')"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [TestCase("http://127.0.0.1:6379", "expected redis://host[:port][/db]")]
    [TestCase("redis://127.0.0.1:6379/99", "the database must be a number from 0 to 15")]
    [TestCase("redis://user:pw@127.0.0.1", "only host, port and database number")]
    public async Task A_state_url_the_mock_cannot_use_exits_2_with_one_line(string url, string reason)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MockCli.RunAsync(["--port", "0", "--state", url], output, error);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.ToString().Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contains(reason), error.ToString());
    }

    /// <summary>A valid channel to create, with a label of our own.</summary>
    internal static StringContent ChannelBody(ReplicaSet replicas, string label)
    {
        var schema = replicas.Document.GetOperation("postChannels").RequestBody!.Content.First(m => m.IsJson).Schema!;
        var body = new Fixtures.Generation.PayloadGenerator(replicas.Document, new Fixtures.Generation.GeneratorOptions { ForRequest = true }).Generate(schema, 1)!.AsObject();
        body["label"] = label;
        return new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
    }

    private static async Task WaitAnsweringAsync(ReplicaSet replicas, string path)
    {
        for (var i = 0; i < replicas.Count; i++)
        {
            var client = replicas.Clients[i];
            await WaitAsync(async () =>
            {
                using var response = await client.GetAsync(path);
                return response.StatusCode != HttpStatusCode.ServiceUnavailable;
            });
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out");
            await Task.Delay(50);
        }
    }
}
