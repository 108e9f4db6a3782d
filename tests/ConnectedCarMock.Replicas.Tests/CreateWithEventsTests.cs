using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Replicas.Tests.Support;
using ConnectedCarMock.Schemas;
using StackExchange.Redis;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// A created remote and the events it queues are one atomic write in Redis: the store going away right
/// after Redis acknowledged the remote cannot leave it stored without its Pending and Done (and a 503 that
/// makes the client create a second one); the store going away before it leaves nothing stored or queued.
/// On redis-server (persistent), so what it acknowledged can be read once it is back.
/// </summary>
[NonParallelizable]
public class CreateWithEventsTests
{
    private const string Api = "/api/connectedcar/v1";

    [Test]
    public async Task Redis_gone_right_after_it_acknowledged_a_remote_leaves_no_remote_without_its_events()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        var outage = new OutageAfterCreate(store);
        await using var mock = Mock.Create(store, "after-ack", outage);
        var remotes = await mock.CreateChannelAsync(receiver.Url);

        outage.Armed = true;
        var answer = await mock.PostAsync(remotes, WebhookBodies.Lock());
        store.Start();
        await mock.WaitAnsweringAsync();
        var (stored, _) = await mock.StoredAsync();

        // Before the fix: 503 (the Pending could not be queued), the remote stored anyway and never announced.
        Assert.That(outage.Fired, Is.True, "the store went away right after acknowledging the remote");
        Assert.That(answer.Status, Is.EqualTo(202), $"Redis acknowledged the remote and its events together, so the client is told: {answer.BodyText}");
        Assert.That(stored, Is.EqualTo(1));
        var received = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(500); // a duplicate would come now
        Assert.That(received.Select(r => JsonNode.Parse(r.Body)!["remoteEvent"]!["eventStatus"]!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "Pending", "Done" }));
        Assert.That(receiver.Received, Has.Count.EqualTo(2), "each once");
    }

    [Test]
    public async Task Redis_gone_as_a_remote_is_written_answers_503_with_nothing_stored_or_queued_and_the_retry_makes_one_remote()
    {
        await using var store = StateServer.Create("redis");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        await using var mock = Mock.Create(store, "before-write", null);
        var remotes = await mock.CreateChannelAsync(receiver.Url);
        var fired = 0;
        mock.Store.BeforeCreate = item =>
        {
            if (item.Path.Contains("/remotes/", StringComparison.Ordinal) && Interlocked.Exchange(ref fired, 1) == 0)
            {
                store.Stop();
            }
        };

        var failed = await mock.PostAsync(remotes, WebhookBodies.Lock());
        store.Start();
        await mock.WaitAnsweringAsync();
        var afterFailure = await mock.StoredAsync();
        await Task.Delay(500);
        var deliveredAfterFailure = receiver.Received.Count;

        var retried = await mock.PostAsync(remotes, WebhookBodies.Lock());
        var received = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var afterRetry = await mock.StoredAsync();

        Assert.That(failed.Status, Is.EqualTo(503), failed.BodyText);
        Assert.That(afterFailure, Is.EqualTo((0, 0)), "after the 503: no remote stored, no event queued");
        Assert.That(deliveredAfterFailure, Is.Zero);
        Assert.That(retried.Status, Is.EqualTo(202), retried.BodyText);
        Assert.That(afterRetry.Stored, Is.EqualTo(1), "the retry made the one remote");
        Assert.That(received.Select(r => JsonNode.Parse(r.Body)!["remoteEvent"]!["eventStatus"]!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "Pending", "Done" }));
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_created_remote_and_its_pending_event_are_in_redis_together_when_the_write_returns()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        // Deliveries off: nothing claims the event, so what the write queued stays to be read.
        await using var mock = Mock.Create(store, "together", null, DeliveryOptions.Immediate with { WebhookHosts = ["loopback"], PendingDelay = TimeSpan.FromHours(1) });
        var remotes = await mock.CreateChannelAsync("http://127.0.0.1:9/hooks");

        var answer = await mock.PostAsync(remotes, WebhookBodies.Lock());
        var (stored, queued) = await mock.StoredAsync();
        var body = (string)(await mock.Redis.GetDatabase().HashValuesAsync("{together}:events:bodies")).Single()!;
        var queuedEvent = System.Text.Json.JsonSerializer.Deserialize<QueuedEvent>(body)!;
        var location = new Uri(answer.Headers.First(h => h.Key == "Location").Value).AbsolutePath;

        Assert.That(answer.Status, Is.EqualTo(202), answer.BodyText);
        Assert.That((stored, queued), Is.EqualTo((1, 1)), "the remote and its Pending");
        Assert.That(queuedEvent.Kind, Is.EqualTo(Fixtures.Events.MessageKind.RemotePending));
        Assert.That(Api + queuedEvent.SourcePath, Is.EqualTo(location));
        Assert.That(await mock.Redis.GetDatabase().SortedSetLengthAsync("{together}:events:due"), Is.EqualTo(1), "due in an hour, waiting");
    }

    [Test]
    public async Task A_monitor_the_scenario_fires_at_creation_has_its_trigger_queued_by_the_write_that_stores_it()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var receiver = WebhookReceiver.Start();
        using var seen = new QueuedAtWrite(store.Port, "monitor-fires");
        await using var mock = Mock.Create(store, "monitor-fires", seen);
        var remotes = await mock.CreateChannelAsync(receiver.Url);
        var monitors = remotes[..remotes.IndexOf("/vehicles/", StringComparison.Ordinal)] + "/channels/" + remotes.Split('/')[^2] + "/monitors";
        var monitor = new JsonObject
        {
            ["label"] = "Battery low",
            ["triggerParam"] = new JsonObject
            {
                ["triggers"] = new JsonArray(new JsonObject { ["name"] = "low", ["data"] = new JsonObject { ["data"] = "vehicle.energy.electric.level", ["op"] = "lowerThan", ["value"] = new JsonArray("10") } }),
                ["boolExp"] = "low",
            },
        };

        var answer = await mock.PostAsync(monitors, monitor, ("X-Mock-Scenario", "low-battery"));
        var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.That(answer.Status, Is.EqualTo(202), answer.BodyText);
        var path = new Uri(answer.Headers.First(h => h.Key == "Location").Value).AbsolutePath[Api.Length..];
        var queued = seen.Queued.GetValueOrDefault(path) ?? [];
        Assert.That(queued.Select(b => System.Text.Json.JsonSerializer.Deserialize<QueuedEvent>(b)!.Kind), Is.EqualTo(new[] { Fixtures.Events.MessageKind.MonitorTrigger }), "when Redis acknowledged the monitor, its trigger was already queued");
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "delivered once");
        Assert.That(JsonNode.Parse(received[0].Body)!["monitorEvent"]!["monitorId"]!.GetValue<string>(), Is.EqualTo(path.Split('/')[^1]));
    }

    /// <summary>At each acknowledged create, reads (on a connection of its own) the events queued for the created item.</summary>
    private sealed class QueuedAtWrite(int port, string prefix) : IResourceEvents, IDisposable
    {
        private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect($"127.0.0.1:{port}");

        public System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> Queued { get; } = new();

        public void OnChanged(ResourceChange change)
        {
            if (change.Kind == ResourceChangeKind.Created)
            {
                Queued[change.Path] = [.. _redis.GetDatabase().HashValues($"{{{prefix}}}:events:bodies").Select(b => (string)b!).Where(b => b.Contains($"\"SourcePath\":\"{change.Path}\"", StringComparison.Ordinal))];
            }
        }

        public void Dispose() => _redis.Dispose();
    }

    /// <summary>Takes the store away once, from the store's own post-write hook: Redis has acknowledged the remote, nothing after it has run.</summary>
    private sealed class OutageAfterCreate(StateServer store) : IResourceEvents
    {
        public bool Armed { get; set; }

        public bool Fired { get; private set; }

        public void OnChanged(ResourceChange change)
        {
            if (Armed && !Fired && change.Kind == ResourceChangeKind.Created && change.Path.Contains("/remotes/", StringComparison.Ordinal))
            {
                Fired = true;
                store.Stop();
            }
        }
    }

    /// <summary>One mock over the store, answering through its pipeline in this process; and a connection of our own to read Redis.</summary>
    private sealed class Mock : IAsyncDisposable
    {
        private readonly MockComposition _composition;
        private readonly string _prefix;
        private readonly string _token;

        private Mock(MockComposition composition, string prefix, ConnectionMultiplexer redis)
        {
            _composition = composition;
            _prefix = prefix;
            Redis = redis;
            _token = "Bearer " + composition.Tokens.Mint("tests", composition.Document.AllScopes);
        }

        public ConnectionMultiplexer Redis { get; }

        public RedisStateStore Store => (RedisStateStore)_composition.Store;

        public static Mock Create(StateServer store, string prefix, IResourceEvents? events, DeliveryOptions? delivery = null)
        {
            var options = new MockServerOptions { State = store.Url, StatePrefix = prefix, Events = delivery ?? DeliveryOptions.Immediate with { WebhookHosts = ["loopback"] } };
            var composition = MockComposition.Create(SpecLoader.LoadEmbedded(), options, events: events);
            var redis = ConnectionMultiplexer.Connect($"127.0.0.1:{store.Port},abortConnect=false");
            return new Mock(composition, prefix, redis);
        }

        /// <summary>A webhook channel to the target; the path of its vehicle's remotes.</summary>
        public async Task<string> CreateChannelAsync(string target)
        {
            var created = await PostAsync($"{Api}/accounts/channels", WebhookBodies.Channel(target, "atomic"));
            Assert.That(created.Status, Is.EqualTo(202), created.BodyText);
            var channelId = created.Headers.First(h => h.Key == "Location").Value.Split('/')[^1];
            var vehicles = JsonNode.Parse((await SendAsync("GET", $"{Api}/accounts/vehicles", null)).BodyText)!;
            var vehicle = new Uri(vehicles["_embedded"]!["vehicles"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>()).AbsolutePath.Split('/')[^1];
            return $"{Api}/accounts/vehicles/{vehicle}/channels/{channelId}/remotes";
        }

        public Task<MockResponse> PostAsync(string path, JsonObject body, params (string Name, string Value)[] headers) => SendAsync("POST", path, body, headers);

        /// <summary>Until the mock answers again (it reconnects by itself once the store is back).</summary>
        public async Task WaitAnsweringAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await SendAsync("GET", $"{Api}/accounts/channels", null)).Status == 503)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the mock did not answer again");
                await Task.Delay(50);
            }
        }

        /// <summary>Remotes Redis holds for this mock, and events it holds queued, claimed or not.</summary>
        public async Task<(int Stored, int Queued)> StoredAsync()
        {
            var db = Redis.GetDatabase();
            var ids = await db.HashKeysAsync($"{{{_prefix}}}:ids");
            var bodies = await db.HashLengthAsync($"{{{_prefix}}}:events:bodies");
            return (ids.Count(id => id.ToString().Contains("remotes", StringComparison.Ordinal)), (int)bodies);
        }

        public async ValueTask DisposeAsync()
        {
            await _composition.Events.DisposeAsync();
            Store.Dispose();
            await Redis.DisposeAsync();
        }

        private async Task<MockResponse> SendAsync(string method, string path, JsonObject? body, params (string Name, string Value)[] headers)
        {
            var request = new MockRequest { Method = method, Path = path, BaseUrl = "http://localhost:8080", Body = body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()) }
                .WithHeader("Authorization", _token);
            foreach (var (name, value) in headers)
            {
                request = request.WithHeader(name, value);
            }

            if (body is not null)
            {
                request = request.WithHeader("Content-Type", "application/json");
            }

            return await _composition.Endpoints.AnswerAsync(request);
        }
    }
}
