using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>
/// The shared log's entries read back as what was written: a replica replaying them reaches the state the writing
/// replica holds, text escaped or not, with or without a body.
/// </summary>
public class RedisLogEntryTests
{
    private const string Path = "/things/item-1";

    [Test]
    public void A_create_an_update_and_a_delete_replay_into_the_state_they_describe()
    {
        var sent = JsonNode.Parse("""{"name":"été <b>&\"quoted\"","tags":["a",1,true,null],"nested":{"deep":[{"x":1.5}]}}""")!.AsObject();
        var created = new CreatedResource("/things", "item-1", 7, Path, sent);

        var replayed = RedisLogEntry.Apply(ResourceState.Empty, 1, RedisLogEntry.Created(created));
        var updated = RedisLogEntry.Apply(replayed, 2, RedisLogEntry.Updated(Path, new JsonObject { ["status"] = "Running" }));
        var deleted = RedisLogEntry.Apply(updated, 3, RedisLogEntry.Deleted(Path));

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Created("/things"), Is.EqualTo(new[] { "item-1" }));
            Assert.That(JsonNode.DeepEquals(replayed.Overlay(Path), sent), Is.True, replayed.Overlay(Path)?.ToJsonString());
            Assert.That(updated.Overlay(Path)!["status"]!.GetValue<string>(), Is.EqualTo("Running"));
            Assert.That(updated.Overlay(Path)!["name"]!.GetValue<string>(), Is.EqualTo("été <b>&\"quoted\""));
            Assert.That(deleted.IsDeleted(Path), Is.True);
            Assert.That(deleted.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_create_without_a_body_replays_without_one_and_a_reset_clears()
    {
        var replayed = RedisLogEntry.Apply(ResourceState.Empty, 4, RedisLogEntry.Created(new CreatedResource("/things", "item-1", 1, Path, Overlay: null)));

        Assert.That(replayed.IsCreated("/things", "item-1"), Is.True);
        Assert.That(replayed.HasOverlay(Path), Is.False);
        Assert.That(RedisLogEntry.IsReset(RedisLogEntry.Reset()), Is.True);
        Assert.That(RedisLogEntry.Apply(replayed, 5, RedisLogEntry.Reset()).Created("/things"), Is.Empty);
    }
}
