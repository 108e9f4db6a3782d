using System.Net;
using System.Xml.Linq;
using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Pact.Tests.Provider;

/// <summary>
/// Provider verification on the Pact engine, against the mock started in-process: a pact the mock honours
/// passes, a wrong expectation fails with the engine's mismatch, and the recorded token is replaced.
/// No state-change URL is given here: provider states are not set up (none is needed).
/// </summary>
public class PactVerifierTests
{
    private const string BasePath = "/api/connectedcar/v1";

    private ConnectedCarMockServer _mock = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartTheMock() => _mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0 });

    [OneTimeTearDown]
    public async Task StopTheMock() => await _mock.DisposeAsync();

    [SetUp]
    public void NewFolder()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "verifier-pacts", TestContext.CurrentContext.Test.MethodName!);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task A_pact_the_mock_honours_passes_verification()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Integer(5));

        var result = await PactVerifier.VerifyAsync(Options(pact));

        Assert.That(result.Passed, Is.True, result.EngineOutput);
        Assert.That(result.Interactions.Select(i => (i.Description, i.Passed)), Is.EqualTo(new[] { ("a request for the vehicles of the account", true) }));
        Assert.That(result.Interactions[0].ProviderStates, Is.EqualTo(new[] { "the account has vehicles" }));
    }

    [Test]
    public async Task A_pact_whose_paths_omit_the_base_path_is_replayed_under_it()
    {
        var pact = await VehicleListPactAsync("/accounts/vehicles", total: Match.Integer(5));

        var result = await PactVerifier.VerifyAsync(Options(pact));

        Assert.That(result.Passed, Is.True, result.EngineOutput);
    }

    [Test]
    public async Task A_wrong_expectation_fails_with_the_engines_mismatch()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Type("five"));

        var result = await PactVerifier.VerifyAsync(Options(pact));

        Assert.That(result.Passed, Is.False);
        var failed = result.Failed.Single();
        Assert.That(failed.Mismatches, Has.Some.Contains("$.total").And.Contains("five"), string.Join(Environment.NewLine, failed.Mismatches));
        Assert.That(result.EngineOutput, Does.Contain("FAILED"));
    }

    [Test]
    public async Task The_token_recorded_in_the_pact_is_replaced_by_a_fresh_one()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Integer(5));
        var fresh = await MockTokens.Provider(_mock, "data:vehicle")(CancellationToken.None);
        _mock.WireMock.ResetLogEntries();

        var result = await PactVerifier.VerifyAsync(Options(pact) with { AccessTokenProvider = _ => Task.FromResult(fresh) });

        var sent = _mock.WireMock.LogEntries
            .Where(e => e.RequestMessage?.Path == BasePath + "/accounts/vehicles")
            .Select(e => e.RequestMessage!.Headers!["Authorization"].Single());
        Assert.That(sent, Is.EqualTo(new[] { "Bearer " + fresh }));
        Assert.That(result.Passed, Is.True, result.EngineOutput);
    }

    [Test]
    public async Task Without_a_valid_token_the_provider_refusal_is_reported()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Integer(5));

        var result = await PactVerifier.VerifyAsync(Options(pact) with { AccessTokenProvider = null });

        Assert.That(result.Failed.Single().Mismatches, Has.Some.Contains("expected 200 but was 401"));
    }

    [Test]
    public async Task An_unreachable_provider_fails_every_interaction()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Integer(5));
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}{BasePath}");

        var result = await PactVerifier.VerifyAsync(Options(pact) with { Target = closed, RequestTimeout = TimeSpan.FromSeconds(5) });

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Interactions, Has.All.Matches<PactInteractionResult>(i => !i.Passed && i.Mismatches.Count > 0));
    }

    [Test]
    public async Task The_result_is_written_as_JUnit_XML_with_one_test_case_per_interaction()
    {
        var pact = await VehicleListPactAsync(BasePath + "/accounts/vehicles", total: Match.Type("five"));
        var result = await PactVerifier.VerifyAsync(Options(pact));
        var path = Path.Combine(_directory, "junit.xml");

        result.WriteJUnit(path);

        var suite = XDocument.Load(path).Root!.Element("testsuite")!;
        Assert.That(((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures")), Is.EqualTo(("1", "1")));
        Assert.That((string?)suite.Element("testcase")!.Attribute("name"), Is.EqualTo("given the account has vehicles › a request for the vehicles of the account"));
    }

    private PactVerificationOptions Options(string pact) => new()
    {
        PactFile = pact,
        Target = new Uri(_mock.ApiUrl),
        AccessTokenProvider = MockTokens.Provider(_mock, "data:vehicle"),
    };

    /// <summary>A one-interaction pact, written by the consumer DSL against the engine's mock.</summary>
    private async Task<string> VehicleListPactAsync(string path, Matcher total)
    {
        var pact = PactBuilder.Create("CarApp", "ConnectedCarApi", new PactConfig { PactDir = _directory });
        pact.UponReceiving("a request for the vehicles of the account")
            .Given("the account has vehicles")
            .WithRequest(HttpMethod.Get, path)
            .WithHeader("Authorization", "Bearer token-recorded-by-the-consumer")
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithHeader("Content-Type", "application/hal+json")
            .WithJsonBody(new
            {
                total,
                _embedded = new { vehicles = Match.EachLike(new { vin = Match.Type("VR3UKZKXZMJ512345"), _links = new { self = new { href = Match.Type("https://api.example.com/v") } } }) },
            }, "application/hal+json");
        await pact.VerifyAsync(async context =>
        {
            using var http = new HttpClient { BaseAddress = context.MockServerUri };
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer token-recorded-by-the-consumer");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        });
        return pact.PactFilePath;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
