using System.Diagnostics;
using System.Net;
using System.Text;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Replicas.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>Run-time settings and resets through the admin API of one replica, as every replica applies them.</summary>
[NonParallelizable]
public class SharedSettingsTests
{
    private const string Channels = "/api/connectedcar/v1/accounts/channels";

    [Test]
    public async Task Faults_and_variation_switched_on_one_replica_apply_on_every_replica_within_a_second()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var replicas = await ReplicaSet.StartAsync(store.Url, prefix: "settings");
        var vehicle = $"/api/connectedcar/v1/accounts/vehicles/{replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0]}";

        await AdminAsync(replicas.Clients[0], HttpMethod.Post, ConnectedCarMockServer.FaultsPath, "status=500");
        await EveryReplicaWithinASecondAsync(replicas, async client => (await client.GetAsync(vehicle)).StatusCode == HttpStatusCode.InternalServerError);
        await AdminAsync(replicas.Clients[1], HttpMethod.Delete, ConnectedCarMockServer.FaultsPath, null);
        await EveryReplicaWithinASecondAsync(replicas, async client => (await client.GetAsync(vehicle)).StatusCode == HttpStatusCode.OK);

        await AdminAsync(replicas.Clients[2], HttpMethod.Post, ConnectedCarMockServer.VariationPath, "missing=0.5,extra=0.5,seed=7");
        await EveryReplicaWithinASecondAsync(replicas, async client => (await client.GetAsync(vehicle)).Headers.Contains(RequestPipeline.VariationAppliedHeader));
        Assert.That(replicas.Server(0).Variation!.Seed, Is.EqualTo(7), "the in-process property reads the shared settings");
    }

    [Test]
    public async Task Reset_on_one_replica_clears_its_mock_on_every_replica_and_leaves_another_mock_alone()
    {
        await using var store = StateServer.Create("garnet");
        store.Start();
        await using var team = await ReplicaSet.StartAsync(store.Url, count: 2, prefix: "team-a");
        await using var other = await ReplicaSet.StartAsync(store.Url, count: 1, prefix: "team-b");
        var ours = (await team.Clients[0].PostAsync(Channels, StoreOutageTests.ChannelBody(team, "ours"))).Headers.Location!;
        var theirs = (await other.Clients[0].PostAsync(Channels, StoreOutageTests.ChannelBody(other, "theirs"))).Headers.Location!;

        await AdminAsync(team.Clients[1], HttpMethod.Post, ConnectedCarMockServer.ResetPath, null);

        Assert.That((await team.Clients[0].GetAsync(ours)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await team.Clients[1].GetAsync(ours)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Clients[0].GetAsync(theirs)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another prefix, another mock");
    }

    [Test]
    public void Reads_of_what_clients_can_write_and_writes_to_it_go_to_the_store_and_generated_resources_do_not()
    {
        var document = SpecLoader.LoadEmbedded();
        var world = new Fixtures.World.FleetWorld(document);
        var policy = new RedisReadPolicy(new Router(document), world.Model, document, new BoundedCache<(string, string), RouteResult?>("routes", 100));
        const string Api = "/api/connectedcar/v1";

        Assert.Multiple(() =>
        {
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/vehicles/VIN1"), Is.False, "a vehicle is generated: no round trip");
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/vehicles/VIN1/telemetries/latest"), Is.False);
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/vehicles"), Is.False);
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/channels"), Is.True, "channels are created by clients");
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/channels/c1"), Is.True);
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/channels/c1/monitors/m1"), Is.True);
            Assert.That(policy.NeedsStore("GET", Api + "/accounts/vehicles/VIN1/channels/c1/remotes/r1"), Is.True);
            Assert.That(policy.NeedsStore("POST", Api + "/accounts/channels"), Is.False, "a create whose path names nothing clients write: the store's script is its only round trip");
            Assert.That(policy.NeedsStore("POST", Api + "/accounts/channels/c1/monitors"), Is.True, "its channel must exist as of now");
            Assert.That(policy.NeedsStore("POST", Api + "/accounts/vehicles/VIN1/channels/c1/remotes"), Is.True);
            Assert.That(policy.NeedsStore("PUT", Api + "/accounts/channels/c1"), Is.True, "an update, a delete: the item must exist as of now");
            Assert.That(policy.NeedsStore("DELETE", Api + "/accounts/channels/c1"), Is.True);
            Assert.That(policy.NeedsStore("PUT", Api + "/accounts/channels/c1/status"), Is.True);
            Assert.That(policy.NeedsStore("GET", "/nowhere"), Is.False, "a 404 outside the API reads nothing");
        });
        TestContext.Out.WriteLine($"{policy.LocalOperations.Count()} of {document.Operations.Count} operations answer from the local copy");
    }

    private static async Task AdminAsync(HttpClient client, HttpMethod method, string path, string? body)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "text/plain") });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"{method} {path}");
    }

    private static async Task EveryReplicaWithinASecondAsync(ReplicaSet replicas, Func<HttpClient, Task<bool>> applied)
    {
        var clock = Stopwatch.StartNew();
        foreach (var client in replicas.Clients)
        {
            while (!await applied(client))
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "settings reach every replica within a second");
                await Task.Delay(10);
            }
        }
    }
}
