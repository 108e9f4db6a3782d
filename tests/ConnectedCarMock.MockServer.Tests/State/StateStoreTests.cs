using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>
/// The state store through its interface: what any implementation (in memory today, Redis later) must
/// keep under concurrent writers: nothing lost, nothing duplicated, versions that move, events after writes.
/// </summary>
public class StateStoreTests
{
    private const int Writers = 50;

    private static IStateStore Store(IResourceEvents? events = null) => new InMemoryStateStore(RuntimeSettings.Default, events);

    [Test]
    public async Task Fifty_concurrent_creates_are_all_kept_once_each_in_creation_order()
    {
        var store = Store();

        var created = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var order = await store.NextOrderAsync();
            var id = $"item-{order}";
            Assert.That(await store.AddAsync(new CreatedResource("/things", id, order, "/things/" + id, new JsonObject { ["n"] = i })), Is.True);
            return id;
        })));

        var state = (await store.ReadAsync()).Resources;
        Assert.That(created.Distinct().Count(), Is.EqualTo(Writers), "creation orders are unique");
        Assert.That(state.Created("/things"), Is.EquivalentTo(created));
        Assert.That(state.Created("/things"), Is.Ordered.Using<string>((a, b) => int.Parse(a[5..], System.Globalization.CultureInfo.InvariantCulture).CompareTo(int.Parse(b[5..], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(state.Version, Is.EqualTo(Writers));
    }

    [Test]
    public async Task An_id_is_added_once_even_when_fifty_writers_race_for_it()
    {
        var store = Store();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            await store.AddAsync(new CreatedResource("/things", "same", 1, "/things/same", null)))));

        Assert.That(results.Count(added => added), Is.EqualTo(1));
        Assert.That((await store.ReadAsync()).Resources.Created("/things"), Is.EqualTo(new[] { "same" }));
    }

    [Test]
    public async Task Fifty_concurrent_updates_of_one_item_all_merge()
    {
        var store = Store();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            await store.UpdateAsync("/things/a", new JsonObject { [$"field{i}"] = i }))));

        var overlay = (await store.ReadAsync()).Resources.Overlay("/things/a")!;
        Assert.That(overlay.Count, Is.EqualTo(Writers));
        Assert.That(Enumerable.Range(0, Writers).All(i => overlay[$"field{i}"]!.GetValue<int>() == i), Is.True);
    }

    [Test]
    public async Task Fifty_concurrent_deletes_delete_each_item_once()
    {
        var events = new Recorder();
        var store = Store(events);
        var paths = Enumerable.Range(0, 10).Select(i => $"/things/{i}").ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () => await store.DeleteAsync(paths[i % paths.Count]))));

        var state = (await store.ReadAsync()).Resources;
        Assert.That(results.Count(deleted => deleted), Is.EqualTo(paths.Count));
        Assert.That(paths.All(state.IsDeleted), Is.True);
        Assert.That(events.Changes.Count(c => c.Kind == ResourceChangeKind.Deleted), Is.EqualTo(paths.Count));
    }

    [Test]
    public async Task Mixed_concurrent_writes_lose_nothing_and_every_one_moves_the_version()
    {
        var store = Store();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var order = await store.NextOrderAsync();
            await store.AddAsync(new CreatedResource("/mixed", $"m{order}", order, $"/mixed/m{order}", null));
            await store.UpdateAsync($"/mixed/m{order}", new JsonObject { ["by"] = i });
            if (i % 2 == 0)
            {
                await store.DeleteAsync($"/mixed/m{order}");
            }
        })));

        var state = (await store.ReadAsync()).Resources;
        Assert.That(state.Created("/mixed"), Has.Count.EqualTo(Writers));
        Assert.That(state.Created("/mixed").Count(id => state.IsDeleted($"/mixed/{id}")), Is.EqualTo(Writers / 2));
        Assert.That(state.Created("/mixed").Count(id => state.Overlay($"/mixed/{id}") is not null), Is.EqualTo(Writers / 2), "a deleted item keeps no overlay");
        Assert.That(state.Version, Is.EqualTo(Writers * 2 + Writers / 2));
    }

    [Test]
    public async Task Settings_swap_atomically_and_a_snapshot_read_before_keeps_its_own()
    {
        var store = Store();
        var before = await store.ReadAsync();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            await store.UpdateSettingsAsync(s => s with { States = s.States with { Withheld = [.. s.States.Withheld, "x"] } }))));

        var after = await store.ReadAsync();
        Assert.That(after.Settings.States.Withheld, Has.Count.EqualTo(Writers));
        Assert.That(before.Settings.States.Withheld, Is.Empty);
    }

    [Test]
    public async Task Reset_forgets_resources_keeps_settings_and_moves_the_version()
    {
        var events = new Recorder();
        var store = Store(events);
        await store.UpdateSettingsAsync(s => s with { Scenario = "low-battery" });
        await store.AddAsync(new CreatedResource("/things", "a", 1, "/things/a", new JsonObject { ["x"] = 1 }));
        var version = (await store.ReadAsync()).Resources.Version;

        await store.ResetAsync();

        var now = await store.ReadAsync();
        Assert.That(now.Resources.IsPristine, Is.True);
        Assert.That(now.Resources.Version, Is.GreaterThan(version));
        Assert.That(now.Settings.Scenario, Is.EqualTo("low-battery"));
        Assert.That(events.Changes.Select(c => c.Kind), Is.EqualTo(new[] { ResourceChangeKind.Created, ResourceChangeKind.Reset }));
    }

    [Test]
    public async Task A_stored_overlay_is_a_copy_the_writer_cannot_change_later()
    {
        var store = Store();
        var sent = new JsonObject { ["label"] = "first" };
        await store.AddAsync(new CreatedResource("/things", "a", 1, "/things/a", sent));

        sent["label"] = "changed after";

        Assert.That((await store.ReadAsync()).Resources.Overlay("/things/a")!["label"]!.GetValue<string>(), Is.EqualTo("first"));
    }

    private sealed class Recorder : IResourceEvents
    {
        public ConcurrentQueue<ResourceChange> Changes { get; } = new();

        public void OnChanged(ResourceChange change) => Changes.Enqueue(change);
    }
}
