using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.State;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The resource stage alone: the world, the state store and the snapshot a request read.</summary>
public class ResourceStageTests
{
    private static (ResourceStage Stage, InMemoryStateStore Store) Build()
    {
        var store = new InMemoryStateStore();
        return (new ResourceStage(new ResourceHandler(new ResourceRenderer(Fleet), store, Cache<ResourceKey, JsonNode?>())), store);
    }

    private static RequestContext Context(InMemoryStateStore store, string method, string path, JsonNode? body = null)
    {
        var context = Routed(Request(method, Api + path), resources: store.Current.Resources);
        context.RequestBody = body;
        return context;
    }

    [Test]
    public async Task An_item_of_the_world_resolves_with_a_key_and_an_unknown_one_is_404()
    {
        var (stage, store) = Build();
        var known = Context(store, "GET", $"/accounts/vehicles/{FirstVehicle}");
        var unknown = Context(store, "GET", "/accounts/vehicles/no-such-car");

        Assert.That(await stage.RunAsync(known), Is.Null);
        Assert.That(known.Resource.Status, Is.EqualTo(200));
        Assert.That(known.Resource.Key!.Value.Path, Is.EqualTo($"/accounts/vehicles/{FirstVehicle}"));
        Assert.That(known.Resource.Body!()!["id"]?.GetValue<string>() ?? known.Resource.Body!()!.ToJsonString(), Does.Contain(FirstVehicle));
        AssertError(await stage.RunAsync(unknown), 404, "does not exist");
    }

    [Test]
    public async Task A_create_goes_through_the_store_and_later_snapshots_see_it()
    {
        var (stage, store) = Build();
        var create = Context(store, "POST", "/accounts/channels", new JsonObject { ["label"] = "mine" });

        Assert.That(await stage.RunAsync(create), Is.Null);
        var id = create.Resource.Location!.Split('/')[^1];
        var before = Context(store, "GET", "/accounts/channels/" + id);
        var stale = Routed(Request("GET", Api + "/accounts/channels/" + id));

        Assert.That(create.Resource.Status, Is.EqualTo(202));
        Assert.That(store.Current.Resources.IsCreated("/accounts/channels", id), Is.True);
        Assert.That(await stage.RunAsync(before), Is.Null, "a snapshot read after the create sees the item");
        AssertError(await stage.RunAsync(stale), 404, "does not exist");
    }

    [Test]
    public async Task A_delete_marks_the_item_and_the_next_request_gets_404()
    {
        var (stage, store) = Build();
        var created = Context(store, "POST", "/accounts/channels", new JsonObject { ["label"] = "gone" });
        await stage.RunAsync(created);
        var path = created.Resource.Location!;

        Assert.That(await stage.RunAsync(Context(store, "DELETE", path)), Is.Null);
        AssertError(await stage.RunAsync(Context(store, "GET", path)), 404);
        Assert.That(store.Current.Resources.IsDeleted(path), Is.True);
    }

    [Test]
    public async Task A_list_key_moves_with_the_state_version()
    {
        var (stage, store) = Build();
        var first = Context(store, "GET", "/accounts/channels");
        await stage.RunAsync(first);
        await store.AddAsync(new CreatedResource("/accounts/channels", "x1", await store.NextOrderAsync(), "/accounts/channels/x1", null));
        var second = Context(store, "GET", "/accounts/channels");
        await stage.RunAsync(second);

        Assert.That(second.Resource.Key, Is.Not.EqualTo(first.Resource.Key));
    }
}
