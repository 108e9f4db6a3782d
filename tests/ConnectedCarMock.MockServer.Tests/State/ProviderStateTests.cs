using System.Text;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>The Pact verifier's state changes: ids made to exist or not, tokens refused or narrowed, until teardown.</summary>
public class ProviderStateTests
{
    private const string Id = "e5a1c9d27b3f4a60b8d2f1e07c4a9b35";

    // States about tokens take no parameter: sending one is an error (the mock names the expected ones).
    private static Task<HttpResponseMessage> State(RunningMock mock, string state, string action = "setup", string? id = Id) =>
        mock.Anonymous.PostAsync(ConnectedCarMockServer.StatesPath, new StringContent($$$"""{"state": "{{{state}}}", "params": {{{(id is null ? "{}" : $$"""{"id": "{{id}}"}""")}}}, "action": "{{{action}}}"}""", Encoding.UTF8, "application/json"));

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
        await State(mock, "the access token has expired", id: null);

        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(401));
        await State(mock, "the access token has expired", "teardown", id: null);
        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200));
    }

    [Test]
    public async Task A_withheld_scope_makes_operations_that_need_it_forbidden()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "a vehicle exists");
        await State(mock, "the access token does not grant data:telemetry", id: null);

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

    private static Task<HttpResponseMessage> Change(RunningMock mock, string json) =>
        mock.Anonymous.PostAsync(ConnectedCarMockServer.StatesPath, new StringContent(json, Encoding.UTF8, "application/json"));

    [Test]
    public async Task The_empty_state_a_verifier_sends_for_a_stateless_interaction_is_a_no_op()
    {
        await using var mock = await RunningMock.StartAsync();

        var response = await Change(mock, """{"state": "", "params": {}, "action": "setup"}""");

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200));
    }

    [Test]
    public async Task Without_teardown_the_next_interactions_set_up_replaces_the_previous_states_effects()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "the access token has expired", id: null);
        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(401));

        await State(mock, "a vehicle exists");

        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200), "the expired token belonged to the previous interaction");
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(200));
    }

    [Test]
    public async Task A_stateless_interaction_after_one_with_a_state_starts_clean_even_when_its_request_had_no_token()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "the access token has expired", id: null);
        var noToken = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/vehicles"), anonymous: true);
        Assert.That(noToken.Status, Is.EqualTo(401));

        await Change(mock, """{"state": "", "params": {}, "action": "setup"}""");

        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200));
    }

    [Test]
    public async Task Reset_clears_the_effects_of_provider_states_too()
    {
        await using var mock = await RunningMock.StartAsync();
        await State(mock, "the access token has expired", id: null);

        var reset = await mock.Anonymous.PostAsync(ConnectedCarMockServer.ResetPath, null);

        Assert.That((int)reset.StatusCode, Is.EqualTo(204));
        Assert.That(await Get(mock, "/accounts/vehicles"), Is.EqualTo(200));
    }

    [Test]
    public async Task A_misnamed_parameter_is_refused_naming_the_expected_ones_and_creates_nothing()
    {
        await using var mock = await RunningMock.StartAsync();

        var response = await Change(mock, $$"""{"state": "a vehicle exists", "params": {"vehicleId": "{{Id}}"}, "action": "setup"}""");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("'vehicleId'").And.Contain("expected: id"));
        Assert.That(await Get(mock, "/accounts/vehicles/%7Bid%7D"), Is.EqualTo(404), "no vehicle whose id is the literal {id}");
        Assert.That(await Get(mock, $"/accounts/vehicles/{Id}"), Is.EqualTo(404));
    }

    [Test]
    public async Task The_set_up_answers_the_ids_it_made_exist_or_absent_for_from_provider_state()
    {
        await using var mock = await RunningMock.StartAsync();

        var given = await (await State(mock, "a vehicle exists")).Content.ReadAsStringAsync();
        var chosen = System.Text.Json.JsonDocument.Parse(await (await Change(mock, """{"state": "a vehicle with trips exists", "action": "setup"}""")).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var absent = System.Text.Json.JsonDocument.Parse(await (await Change(mock, """{"state": "no channel has the id", "action": "setup"}""")).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        Assert.That(given, Is.EqualTo($$"""{"id":"{{Id}}"}"""));
        Assert.That(await Get(mock, $"/accounts/vehicles/{chosen}/trips"), Is.EqualTo(200));
        Assert.That(absent, Does.Match("^[0-9a-f]{24,}$"));
        Assert.That(await Get(mock, $"/accounts/channels/{absent}"), Is.EqualTo(404));
    }
}
