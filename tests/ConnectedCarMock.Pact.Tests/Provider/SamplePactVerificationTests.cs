using ConnectedCarMock.MockServer;
using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Provider;

/// <summary>
/// CarApp's sample pact verifies green against the running mock out of the box: its provider states
/// (a vehicle exists, no vehicle has the id, the token has expired, the token does not grant a scope)
/// are set up through the mock's state-change endpoint.
/// </summary>
public class SamplePactVerificationTests
{
    [TestCase(PactSpecification.V4)]
    [TestCase(PactSpecification.V3)]
    public async Task The_sample_pact_verifies_against_the_mock_with_its_provider_states(PactSpecification specification)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sample-verification", specification.ToString());
        var pact = await CarAppContract.WriteAsync(directory, specification);
        await using var mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0 });

        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions
        {
            PactFile = pact,
            Target = new Uri(mock.ApiUrl),
            StateChangeUrl = new Uri(mock.BaseUrl + ConnectedCarMockServer.StatesPath),
            AccessTokenProvider = MockTokens.Provider(mock, [.. mock.Document.AllScopes.Where(s => mock.Document.DeclaredScopes.Contains(s))]),
        });

        Assert.That(result.Passed, Is.True, result.EngineOutput);
        var states = result.Interactions.SelectMany(i => i.ProviderStates).ToList();
        Assert.That(states, Does.Contain("the access token has expired").And.Contain("no vehicle has the id").And.Contain("the access token does not grant data:telemetry"), "401, 404 and 403 interactions were verified");
        Assert.That(result.Interactions.Select(i => i.Passed), Is.All.True);
        Assert.That(result.Interactions, Has.Count.EqualTo(specification == PactSpecification.V4 ? CarAppContract.All.Count : CarAppContract.V3Compatible.Count));
    }

    [Test]
    public async Task An_unknown_provider_state_fails_its_interaction()
    {
        await using var mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0 });
        using var http = new HttpClient();

        var response = await http.PostAsync(mock.BaseUrl + ConnectedCarMockServer.StatesPath, new StringContent("""{"state": "the moon is full", "action": "setup"}"""));

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("unknown provider state"));
    }
}
