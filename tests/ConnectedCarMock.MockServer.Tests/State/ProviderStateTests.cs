using System.Text;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>The Pact verifier's state changes: ids made to exist or not, tokens refused or narrowed, until teardown.</summary>
public class ProviderStateTests
{
    private const string Id = "e5a1c9d27b3f4a60b8d2f1e07c4a9b35";

    private static Task<HttpResponseMessage> State(RunningMock mock, string state, string action = "setup") =>
        mock.Anonymous.PostAsync(ConnectedCarMockServer.StatesPath, new StringContent($$$"""{"state": "{{{state}}}", "params": {"id": "{{{Id}}}"}, "action": "{{{action}}}"}""", Encoding.UTF8, "application/json"));

    private static async Task<int> Get(RunningMock mock, string path) =>
        (await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1" + path))).Status;

    [Test]
    public async Task A_vehicle_the_pact_names_exists_until_teardown()
    {
        await using var mock = await RunningMock.StartAsync();
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(404));

        Assert.That((int)(await State(mock, "a vehicle exists")).StatusCode, Is.EqualTo(200));
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(200));
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}/telemetries/latest"), Is.EqualTo(200));

        await State(mock, "a vehicle exists", "teardown");
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(404));
    }

    [Test]
    public async Task An_expired_token_state_refuses_every_token()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "the access token has expired");

        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(401));
        await State(mock, "the access token has expired", "teardown");
        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200));
    }

    [Test]
    public async Task A_withheld_scope_makes_operations_that_need_it_forbidden()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "a vehicle exists");
        await State(mock, "the access token does not grant data:telemetry");

        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}/telemetries/latest"), Is.EqualTo(403));
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(200));
    }

    [Test]
    public async Task An_id_that_must_not_exist_answers_404_even_when_the_world_has_it()
    {
        await using var mock = await RunningMock.StartAsync();
        var existing = mock.World.IdsOf(mock.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];
        await mock.Anonymous.PostAsync(ConnectedCarMockServer.StatesPath, new StringContent($$$"""{"state": "no vehicle has the id", "params": {"id": "{{{existing}}}"}}""", Encoding.UTF8, "application/json"));

        Assert.That(await Get(mock, $"/accounts/vehicles/{existing}"), Is.EqualTo(404));
    }

    [Test]
    public async Task An_unknown_state_is_a_400_that_says_how_to_add_it()
    {
        await using var mock = await RunningMock.StartAsync();

        var response = await State(mock, "the moon is full");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("--provider-states"));
    }
}
