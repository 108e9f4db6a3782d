using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Replicas.Tests.Support;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// The Redis store through its interface, three instances (as three replicas would hold) on one real server,
/// writers spread over them: nothing lost or duplicated, updates merged, settings swapped without loss,
/// each namespace its own. On Redis (redis-server) and on Garnet.
/// </summary>
[TestFixture("redis")]
[TestFixture("garnet")]
[NonParallelizable]
public class RedisStateStoreTests(string kind)
{
    private const int Writers = 50;
    private StateServer _server = null!;
    private RedisStateStore[] _stores = [];
    private int _fixture;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = StateServer.Create(kind);
        _server.Start();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [SetUp]
    public void Connect()
    {
        var target = RedisStateTarget.Parse(_server.Url, $"store-{kind}-{Interlocked.Increment(ref _fixture)}");
        _stores = [.. Enumerable.Range(0, 3).Select(_ => RedisStateStore.Connect(target, RuntimeSettings.Default))];
    }

    [TearDown]
    public void Disconnect()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    [Test]
    public async Task Fifty_concurrent_creates_through_three_stores_are_all_kept_once_each()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var store = _stores[i % 3];
            var order = await store.NextOrderAsync();
            var id = $"item-{order}";
            Assert.That(await store.AddAsync(new CreatedResource("/things", id, order, "/things/" + id, new JsonObject { ["n"] = i })), Is.True);
            return id;
        })));

        Assert.That(created.Distinct().Count(), Is.EqualTo(Writers), "creation orders are unique across stores (INCR)");
        foreach (var store in _stores)
        {
            var state = (await store.ReadAsync()).Resources;
            Assert.That(state.Created("/things"), Is.EquivalentTo(created));
            Assert.That(state.Version, Is.EqualTo(Writers));
        }
    }

    [Test]
    public async Task An_id_is_added_once_when_fifty_writers_on_three_stores_race_for_it()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            await _stores[i % 3].AddAsync(new CreatedResource("/things", "same", 1, "/things/same", null)))));

        Assert.That(results.Count(added => added), Is.EqualTo(1));
        Assert.That((await _stores[2].ReadAsync()).Resources.Created("/things"), Is.EqualTo(new[] { "same" }));
    }

    [Test]
    public async Task Fifty_concurrent_updates_of_one_item_through_three_stores_all_merge()
    {
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            await _stores[i % 3].UpdateAsync("/things/a", new JsonObject { [$"field{i}"] = i }))));

        foreach (var store in _stores)
        {
            var overlay = (await store.ReadAsync()).Resources.Overlay("/things/a")!;
            Assert.That(overlay.Count, Is.EqualTo(Writers));
        }
    }

    [Test]
    public async Task A_delete_counts_once_and_every_store_sees_it()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () => await _stores[i % 3].DeleteAsync("/things/b"))));

        Assert.That(results.Count(deleted => deleted), Is.EqualTo(1));
        Assert.That(_stores.Select(s => s.ReadAsync().AsTask().Result.Resources.IsDeleted("/things/b")), Is.All.True);
    }

    [Test]
    public async Task Concurrent_settings_changes_through_three_stores_lose_none()
    {
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
            await _stores[i % 3].UpdateSettingsAsync(s => s with { States = s.States with { Withheld = [.. s.States.Withheld, $"scope:{i}"] } }))));

        // Every change is in the settings the last swap wrote; a store that did not write last learns them by
        // pub/sub, within the second the shared settings promise.
        var expected = Enumerable.Range(0, 30).Select(i => $"scope:{i}").Order(StringComparer.Ordinal).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var store in _stores)
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(1) && !store.Current.Settings.States.Withheld.Order(StringComparer.Ordinal).SequenceEqual(expected))
            {
                await Task.Delay(5);
            }

            Assert.That((await store.ReadAsync()).Settings.States.Withheld, Is.EquivalentTo(expected), "optimistic swaps lose no change");
        }
    }

    [Test]
    public async Task A_settings_change_reaches_every_store_within_a_second_without_a_read()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _stores[0].UpdateSettingsAsync(s => s with { Scenario = "low-battery" });

        while (_stores.Any(s => s.Current.Settings.Scenario != "low-battery"))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "pub/sub brings settings to every replica");
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task Every_write_reaches_the_local_copies_by_pub_sub_without_a_read()
    {
        var order = await _stores[0].NextOrderAsync();
        await _stores[0].AddAsync(new CreatedResource("/things", "pushed", order, "/things/pushed", null));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_stores.Any(s => !s.Current.Resources.IsCreated("/things", "pushed")))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task A_store_holds_its_own_writes_when_they_return_without_reading_the_log()
    {
        var store = _stores[0];
        var created = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var order = await store.NextOrderAsync();
            await store.AddAsync(new CreatedResource("/things", $"own-{order}", order, $"/things/own-{order}", null));
            return $"own-{order}";
        })));
        await store.DeleteAsync("/things/" + created[0]);

        // No read, no wait: whatever order the fifty answers came back in, each was taken in version order.
        Assert.That(store.Current.Resources.Version, Is.EqualTo(Writers + 1));
        Assert.That(store.Current.Resources.Created("/things"), Is.EquivalentTo(created));
        Assert.That(store.Current.Resources.IsDeleted("/things/" + created[0]), Is.True);
    }

    [Test]
    public async Task Reset_clears_its_own_namespace_only_and_events_follow_writes()
    {
        var events = new ConcurrentQueue<ResourceChange>();
        using var other = RedisStateStore.Connect(RedisStateTarget.Parse(_server.Url, $"other-{kind}-{Guid.NewGuid():N}"), RuntimeSettings.Default, events: new Recorder(events));
        await _stores[0].AddAsync(new CreatedResource("/things", "mine", await _stores[0].NextOrderAsync(), "/things/mine", null));
        await other.AddAsync(new CreatedResource("/things", "theirs", await other.NextOrderAsync(), "/things/theirs", null));

        await _stores[1].ResetAsync();

        Assert.That((await _stores[2].ReadAsync()).Resources.IsPristine, Is.True);
        Assert.That((await other.ReadAsync()).Resources.Created("/things"), Is.EqualTo(new[] { "theirs" }));
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { ResourceChangeKind.Created }), "only the store that wrote raises the event");
    }

    private sealed class Recorder(ConcurrentQueue<ResourceChange> changes) : IResourceEvents
    {
        public void OnChanged(ResourceChange change) => changes.Enqueue(change);
    }
}
