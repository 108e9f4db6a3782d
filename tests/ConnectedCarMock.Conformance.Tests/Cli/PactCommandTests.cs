using ConnectedCarMock.Conformance.Cli;
using ConnectedCarMock.Conformance.Tests.Support;
using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Conformance.Tests.Cli;

/// <summary><c>connectedcar-conformance pact check-spec</c> and <c>pact verify</c>: exit 0, 1 or 2 like <c>run</c>.</summary>
public class PactCommandTests
{
    // A V4 pact a consumer of the vehicle list might write: its state, its token (replaced on verification), its matchers.
    private static string VehiclesPact(string totalMatcher) => $$"""
        {
          "consumer": { "name": "CarApp" }, "provider": { "name": "ConnectedCarApi" },
          "interactions": [{
            "type": "Synchronous/HTTP",
            "description": "a request for the vehicles of the account",
            "providerStates": [{ "name": "the account has vehicles" }],
            "request": { "method": "GET", "path": "/api/connectedcar/v1/accounts/vehicles", "headers": { "Authorization": ["Bearer recorded-token"] } },
            "response": {
              "status": 200,
              "headers": { "Content-Type": ["application/hal+json"] },
              "body": { "content": { "total": 5 }, "contentType": "application/hal+json", "encoded": false },
              "matchingRules": { "body": { "$.total": { "combine": "AND", "matchers": [{{totalMatcher}}] } } }
            }
          }],
          "metadata": { "pactSpecification": { "version": "4.0" } }
        }
        """;

    private static string WrongPacts => Path.Combine(TestPaths.RepositoryRoot, "tests", "ConnectedCarMock.Pact.Dsl.Tests", "WrongPacts");

    [Test]
    public async Task Check_spec_passes_a_pact_the_document_promises_and_fails_one_it_does_not()
    {
        var good = await Write(VehiclesPact("""{ "match": "integer" }"""));

        var passed = await RunAsync("pact", "check-spec", "--pact", good);
        var failed = await RunAsync("pact", "check-spec", "--pact", Path.Combine(WrongPacts, "undocumented-status.json"));

        Assert.That(passed.Exit, Is.Zero, passed.Output + passed.Error);
        Assert.That(failed.Exit, Is.EqualTo(1));
        Assert.That(failed.Output, Does.Contain("201"));
    }

    [Test]
    public async Task Check_spec_of_a_missing_file_exits_2_with_one_line()
    {
        var result = await RunAsync("pact", "check-spec", "--pact", "/no/such/pact.json");

        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Verify_replays_a_pact_against_the_mock_with_a_token_and_provider_states()
    {
        await using var mock = await MockTarget.StartAsync();
        var pact = await Write(VehiclesPact("""{ "match": "integer" }"""));

        var result = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl,
            "--state-url", mock.Server.BaseUrl + ConnectedCarMockServer.StatesPath);

        Assert.That(result.Exit, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("1 of 1 interactions verified"));
    }

    [Test]
    public async Task Verify_fails_a_wrong_expectation_with_exit_1()
    {
        await using var mock = await MockTarget.StartAsync();
        var pact = await Write(VehiclesPact("""{ "match": "regex", "regex": "^42$" }"""));

        var result = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl);

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("0 of 1 interactions verified"));
    }

    private static async Task<string> Write(string json)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pact-cli-").FullName, "CarApp-ConnectedCarApi.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ConformanceCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
