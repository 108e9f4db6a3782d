using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>
/// <see cref="ResourceState"/> alone: created ids kept in creation order whatever order they arrive in (a replica
/// replays a shared log), each id once per collection, every earlier snapshot left as it was (also when written
/// to), lineages kept apart, snapshots read whole while a writer appends, and what clients sent kept as sent.
/// </summary>
public class ResourceStateSnapshotTests
{
    [Test]
    public void Ids_added_in_any_order_are_listed_in_creation_order()
    {
        var orders = Enumerable.Range(1, 2_000).OrderBy(i => (i * 7919) % 2_003).ToList();
        var state = ResourceState.Empty;
        foreach (var order in orders)
        {
            state = state.With(Item("/things", order))!;
        }

        Assert.That(state.Created("/things"), Is.EqualTo(Enumerable.Range(1, 2_000).Select(Id)));
        Assert.That(state.Version, Is.EqualTo(2_000));
    }

    [Test]
    public void An_id_is_added_once_per_collection_and_another_collection_has_its_own()
    {
        var state = ResourceState.Empty.With(Item("/things", 1))!;

        Assert.That(state.With(Item("/things", 1)), Is.Null);
        var other = state.With(Item("/others", 1));
        Assert.That(other, Is.Not.Null);
        Assert.That(other!.IsCreated("/others", Id(1)), Is.True);
        Assert.That(other.IsCreated("/things", Id(1)), Is.True);
        Assert.That(other.IsCreated("/things", Id(2)), Is.False);
        Assert.That(other.Created("/nothing"), Is.Empty);
    }

    [Test]
    public void An_earlier_snapshot_keeps_what_it_held()
    {
        var first = ResourceState.Empty.With(Item("/things", 2))!;
        var second = first.With(Item("/things", 1))!.With(Item("/things", 3))!;

        Assert.That(first.Created("/things"), Is.EqualTo(new[] { Id(2) }));
        Assert.That(first.IsCreated("/things", Id(1)), Is.False);
        Assert.That(second.Created("/things"), Is.EqualTo(new[] { Id(1), Id(2), Id(3) }));
        Assert.That(second.Cleared().Created("/things"), Is.Empty);
        Assert.That(second.Created("/things"), Has.Count.EqualTo(3));
    }

    [Test]
    public void What_was_sent_is_kept_as_it_was_whatever_happens_to_the_trees_given_and_read()
    {
        var sent = new JsonObject { ["name"] = "first", ["tags"] = new JsonArray("a", "b") };
        var created = ResourceState.Empty.With(Item("/things", 1) with { Overlay = sent })!;
        sent["name"] = "changed after the write";
        created.Overlay("/things/item-1")!["tags"]!.AsArray().Add("added to a read");

        var changed = created.WithChanges("/things/item-1", new JsonObject { ["status"] = "Running" });

        Assert.That(created.HasOverlay("/things/item-1"), Is.True);
        Assert.That(created.HasOverlay("/things/item-2"), Is.False);
        Assert.That(created.Overlay("/things/item-2"), Is.Null);
        Assert.That(created.Overlay("/things/item-1")!.ToJsonString(), Is.EqualTo("""{"name":"first","tags":["a","b"]}"""));
        Assert.That(changed.Overlay("/things/item-1")!.ToJsonString(), Is.EqualTo("""{"name":"first","tags":["a","b"],"status":"Running"}"""));
        Assert.That(created.Overlay("/things/item-1")!.ContainsKey("status"), Is.False, "the earlier snapshot keeps what it held");
        Assert.That(changed.WithDeleted("/things/item-1").HasOverlay("/things/item-1"), Is.False);
    }

    [Test]
    public void A_write_to_an_earlier_snapshot_starts_a_history_of_its_own_and_leaves_the_later_ones_as_they_were()
    {
        var first = ResourceState.Empty.With(Item("/things", 1) with { Overlay = new JsonObject { ["name"] = "first" } })!;
        var second = first.With(Item("/things", 2))!.WithChanges("/things/item-1", new JsonObject { ["name"] = "changed" }).WithDeleted("/things/item-2");

        var branch = first.With(Item("/things", 3))!;
        Assert.That(branch.Overlay("/things/item-1")!["name"]!.GetValue<string>(), Is.EqualTo("first"), "the copy holds what its snapshot saw");
        Assert.That(branch.IsDeleted("/things/item-2"), Is.False);
        branch = branch.WithDeleted("/things/item-1");
        var later = second.With(Item("/things", 4))!;

        Assert.That(second.Overlay("/things/item-1")!["name"]!.GetValue<string>(), Is.EqualTo("changed"));
        Assert.That(second.IsDeleted("/things/item-2"), Is.True);

        Assert.That(first.Created("/things"), Is.EqualTo(new[] { Id(1) }));
        Assert.That(second.Created("/things"), Is.EqualTo(new[] { Id(1), Id(2) }));
        Assert.That(later.Created("/things"), Is.EqualTo(new[] { Id(1), Id(2), Id(4) }));
        Assert.That(branch.Created("/things"), Is.EqualTo(new[] { Id(1), Id(3) }));
        Assert.That(branch.IsDeleted("/things/item-1"), Is.True);
        Assert.That(later.IsDeleted("/things/item-1") || second.IsDeleted("/things/item-1"), Is.False);
        Assert.That(branch.With(Item("/things", 5))!.Created("/things"), Is.EqualTo(new[] { Id(1), Id(3), Id(5) }));
    }

    [Test]
    public void Lineages_from_the_empty_state_and_after_a_reset_share_nothing()
    {
        var one = ResourceState.Empty.With(Item("/things", 1))!;
        var other = ResourceState.Empty.With(Item("/things", 2))!;
        var cleared = one.Cleared();

        Assert.That(ResourceState.Empty.IsPristine, Is.True);
        Assert.That(ResourceState.Empty.Created("/things"), Is.Empty);
        Assert.That(one.Created("/things"), Is.EqualTo(new[] { Id(1) }));
        Assert.That(other.Created("/things"), Is.EqualTo(new[] { Id(2) }));
        Assert.That(cleared.IsPristine, Is.True);
        Assert.That(cleared.Version, Is.EqualTo(one.Version + 1));
        Assert.That(cleared.With(Item("/things", 3))!.Created("/things"), Is.EqualTo(new[] { Id(3) }));
        Assert.That(one.IsPristine, Is.False);
    }

    [Test]
    public void Readers_of_snapshots_taken_while_one_writer_appends_see_each_snapshot_whole()
    {
        const int Items = 20_000;
        var published = ResourceState.Empty;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var snapshot = Volatile.Read(ref published);
                var ids = snapshot.Created("/things");
                var expected = (int)snapshot.Version;
                if (ids.Count != expected || (expected > 0 && (!snapshot.IsCreated("/things", Id(expected)) || ids[^1] != Id(expected)))
                    || snapshot.IsCreated("/things", Id(expected + 1)) || (expected > 0 && snapshot.Overlay($"/things/{Id(expected)}")?["n"]?.GetValue<int>() != expected))
                {
                    failures.Enqueue($"version {expected}: {ids.Count} ids, last {(ids.Count > 0 ? ids[^1] : "none")}");
                }
            }
        })).ToArray();

        var state = ResourceState.Empty;
        for (var order = 1; order <= Items; order++)
        {
            state = state.With(Item("/things", order) with { Overlay = new JsonObject { ["n"] = order } })!;
            Volatile.Write(ref published, state);
        }

        done.Cancel();
        Task.WaitAll(readers);
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.That(state.Created("/things"), Has.Count.EqualTo(Items));
    }

    [Test]
    public void An_item_updated_many_times_keeps_the_versions_recent_snapshots_can_see_not_all_of_them()
    {
        var state = ResourceState.Empty.With(Item("/things", 1) with { Overlay = new JsonObject { ["n"] = 0 } })!;
        var snapshots = new List<ResourceState>();
        for (var n = 1; n <= 10_000; n++)
        {
            state = state.WithChanges("/things/item-1", new JsonObject { ["n"] = n });
            snapshots.Add(state);
        }

        Assert.That(state.OverlayVersionsKept("/things/item-1"), Is.InRange(4_096, 4_098));
        foreach (var back in new[] { 0, 1, 100, 4_000 })
        {
            var snapshot = snapshots[^(back + 1)];
            Assert.That(snapshot.Overlay("/things/item-1")!["n"]!.GetValue<int>(), Is.EqualTo(10_000 - back));
        }
    }

    private static string Id(int order) => $"item-{order}";

    private static CreatedResource Item(string collection, int order) => new(collection, Id(order), order, $"{collection}/{Id(order)}", Overlay: null);
}
