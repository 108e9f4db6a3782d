using System.Net;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Pact.Tests.Provider;

/// <summary>
/// Verification against the mock as the official tools do it (issue 16): credentials replaced only where the
/// consumer recorded them, pending failures not fatal, message interactions reported, and provider-state
/// values injected into requests (fromProviderState).
/// </summary>
public class VerificationFixTests
{
    private const string BasePath = "/api/connectedcar/v1";

    private ConnectedCarMockServer _mock = null!;

    [OneTimeSetUp]
    public async Task StartTheMock() => _mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0 });

    [OneTimeTearDown]
    public async Task StopTheMock() => await _mock.DisposeAsync();

    [Test]
    public async Task A_401_without_a_token_passes_although_a_fresh_token_replaces_the_recorded_ones()
    {
        var pact = Write(Interaction("a request without credentials", "GET", BasePath + "/accounts/vehicles", 401, token: null));

        var result = await PactVerifier.VerifyAsync(Options(pact) with { AccessTokenProvider = MockTokens.Provider(_mock, "data:vehicle") });

        Assert.That(result.Passed, Is.True, result.EngineOutput);
    }

    [Test]
    public async Task A_header_authorization_also_replaces_only_a_recorded_one()
    {
        var token = _mock.MintToken(["data:vehicle"]);
        var pact = Write(
            Interaction("with credentials", "GET", BasePath + "/accounts/vehicles", 200, token: "Bearer recorded"),
            Interaction("without credentials", "GET", BasePath + "/accounts/vehicles", 401, token: null));

        var result = await PactVerifier.VerifyAsync(Options(pact) with { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });

        Assert.That(result.Interactions.Select(i => (i.Description, i.Passed)), Is.EqualTo(new[] { ("with credentials", true), ("without credentials", true) }), result.EngineOutput);
    }

    [Test]
    public async Task A_failing_pending_interaction_is_reported_but_does_not_fail_the_verification()
    {
        var pending = Interaction("a pending expectation", "GET", BasePath + "/accounts/vehicles", 404, token: null);
        pending["pending"] = true;
        var pact = Write(pending);

        var result = await PactVerifier.VerifyAsync(Options(pact));

        var interaction = result.Interactions.Single();
        Assert.That((interaction.Passed, interaction.Pending, result.Passed), Is.EqualTo((false, true, true)), result.EngineOutput);
        Assert.That(result.ToJUnitXml(), Does.Contain("<skipped message=\"pending: "));
    }

    [Test]
    public async Task A_message_interaction_is_reported_as_a_failure_of_its_own_not_dropped()
    {
        var message = new JsonObject
        {
            ["type"] = "Asynchronous/Messages",
            ["description"] = "a remote action done event",
            ["contents"] = new JsonObject { ["content"] = new JsonObject { ["status"] = "Done" }, ["contentType"] = "application/json", ["encoded"] = false },
        };
        var pact = Write(Interaction("a request for the vehicles", "GET", BasePath + "/accounts/vehicles", 401, token: null), message);

        var result = await PactVerifier.VerifyAsync(Options(pact));

        Assert.That(result.Interactions.Select(i => (i.Description, i.IsMessage)), Is.EqualTo(new[] { ("a request for the vehicles", false), ("a remote action done event", true) }));
        Assert.That(result.Interactions[0].Passed, Is.True, result.EngineOutput);
        Assert.That(result.Interactions[1].Passed, Is.False);
        Assert.That(result.Interactions[1].Mismatches, Is.Not.Empty);
    }

    [Test]
    public async Task A_path_from_the_provider_state_uses_the_id_the_state_made_exist()
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "provider-state-values");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var pact = PactBuilder.Create("CarApp", "ConnectedCarApi", new PactConfig { PactDir = directory });
        foreach (var (description, state, status) in new[] { ("an existing vehicle", "a vehicle exists", HttpStatusCode.OK), ("a vehicle said to exist but absent", "no vehicle has the id", HttpStatusCode.OK) })
        {
            pact.UponReceiving(description)
                .Given(state)
                .WithRequest(HttpMethod.Get, Match.FromProviderState(BasePath + "/accounts/vehicles/${id}", BasePath + "/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35"))
                .WithHeader("Authorization", "Bearer recorded")
                .WillRespond()
                .WithStatus(status);
        }

        await pact.VerifyAsync(async context =>
        {
            using var http = new HttpClient { BaseAddress = context.MockServerUri };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer recorded");
            (await http.GetAsync(BasePath + "/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35")).Dispose();
            (await http.GetAsync(BasePath + "/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35")).Dispose();
        });

        var result = await PactVerifier.VerifyAsync(Options(pact.PactFilePath) with
        {
            StateChangeUrl = new Uri(_mock.BaseUrl + ConnectedCarMockServer.StatesPath),
            AccessTokenProvider = MockTokens.Provider(_mock, "data:vehicle"),
        });

        Assert.That(result.Interactions.Select(i => (i.Description, i.Passed)), Is.EquivalentTo(new[] { ("an existing vehicle", true), ("a vehicle said to exist but absent", false) }), result.EngineOutput);
        Assert.That(result.Failed.Single().Mismatches, Has.Some.Contains("404"));
    }

    private PactVerificationOptions Options(string pact) => new() { PactFile = pact, Target = new Uri(_mock.ApiUrl) };

    private static JsonObject Interaction(string description, string method, string path, int status, string? token)
    {
        var request = new JsonObject { ["method"] = method, ["path"] = path };
        if (token is not null)
        {
            request["headers"] = new JsonObject { ["Authorization"] = new JsonArray(token) };
        }

        return new JsonObject { ["type"] = "Synchronous/HTTP", ["description"] = description, ["request"] = request, ["response"] = new JsonObject { ["status"] = status } };
    }

    private static string Write(params JsonObject[] interactions)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pact-fixes-").FullName, "CarApp-ConnectedCarApi.json");
        File.WriteAllText(path, new JsonObject
        {
            ["consumer"] = new JsonObject { ["name"] = "CarApp" },
            ["provider"] = new JsonObject { ["name"] = "ConnectedCarApi" },
            ["interactions"] = new JsonArray([.. interactions]),
            ["metadata"] = new JsonObject { ["pactSpecification"] = new JsonObject { ["version"] = "4.0" } },
        }.ToJsonString());
        return path;
    }
}
