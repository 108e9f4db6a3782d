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

    [Test]
    public async Task Verify_takes_several_pacts_and_folders_and_writes_one_JUnit_file_per_pact()
    {
        await using var mock = await MockTarget.StartAsync();
        var first = await Write(VehiclesPact("""{ "match": "integer" }"""));
        var folder = Directory.CreateTempSubdirectory("pact-dir-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "Fleet-ConnectedCarApi.json"), VehiclesPact("""{ "match": "integer" }""").Replace("\"CarApp\"", "\"Fleet\"", StringComparison.Ordinal));
        var junit = Directory.CreateTempSubdirectory("pact-junit-").FullName;

        var result = await RunAsync("pact", "verify", "--pact", first, "--dir", folder, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl,
            "--state-url", mock.Server.BaseUrl + ConnectedCarMockServer.StatesPath, "--publish-junit", junit);

        Assert.That(result.Exit, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("2 of 2 interactions verified in 2 pact(s)"));
        Assert.That(Directory.GetFiles(junit).Select(Path.GetFileName), Is.EquivalentTo(new[] { "CarApp-ConnectedCarApi.xml", "Fleet-ConnectedCarApi.xml" }));
    }

    [Test]
    public async Task Verify_filters_by_consumer_description_and_state()
    {
        await using var mock = await MockTarget.StartAsync();
        var good = await Write(VehiclesPact("""{ "match": "integer" }"""));
        var wrong = await Write(VehiclesPact("""{ "match": "regex", "regex": "^42$" }""").Replace("\"CarApp\"", "\"Fleet\"", StringComparison.Ordinal));

        var byConsumer = await RunAsync("pact", "verify", "--pact", good, "--pact", wrong, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl, "--filter-consumer", "CarApp");
        var byDescription = await RunAsync("pact", "verify", "--pact", wrong, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl, "--filter-description", "^no such");
        var byState = await RunAsync("pact", "verify", "--pact", wrong, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl, "--filter-state", "^the account");

        Assert.That((byConsumer.Exit, byDescription.Exit, byState.Exit), Is.EqualTo((0, 0, 1)), byConsumer.Output + byDescription.Output + byState.Output);
        Assert.That(byConsumer.Output, Does.Contain("1 of 1 interactions verified in 1 pact(s)"));
        Assert.That(byDescription.Output, Does.Contain("0 of 0 interactions verified"));
    }

    [Test]
    public async Task Verify_fetches_a_pact_by_url()
    {
        await using var mock = await MockTarget.StartAsync();
        using var files = WireMock.Server.WireMockServer.Start();
        files.Given(WireMock.RequestBuilders.Request.Create().WithPath("/pacts/latest").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(VehiclesPact("""{ "match": "integer" }""")));

        var result = await RunAsync("pact", "verify", "--url", files.Url + "/pacts/latest", "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl);

        Assert.That(result.Exit, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain(files.Url + "/pacts/latest"));
    }

    [Test]
    public async Task Verify_exits_as_the_official_verifier_pending_failures_0_a_missing_pact_1_a_usage_error_2()
    {
        await using var mock = await MockTarget.StartAsync();
        var pending = await Write(VehiclesPact("""{ "match": "regex", "regex": "^42$" }""").Replace("\"type\": \"Synchronous/HTTP\",", "\"type\": \"Synchronous/HTTP\", \"pending\": true,", StringComparison.Ordinal));

        var passedWithPending = await RunAsync("pact", "verify", "--pact", pending, "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl);
        var missing = await RunAsync("pact", "verify", "--pact", "/no/such/pact.json", "--target", mock.Server.ApiUrl);
        var usage = await RunAsync("pact", "verify", "--pact", pending, "--target", "not a url");

        Assert.That((passedWithPending.Exit, missing.Exit, usage.Exit), Is.EqualTo((0, 1, 2)), passedWithPending.Output + missing.Error + usage.Error);
        Assert.That(passedWithPending.Output, Does.Contain("1 pending failure(s), not fatal"));
    }

    [Test]
    public async Task Verify_fetches_message_interactions_from_the_mock_as_message_provider()
    {
        await using var mock = await MockTarget.StartAsync();
        var pact = await Write("""
            {
              "consumer": { "name": "CarAppEvents" }, "provider": { "name": "ConnectedCarApi" },
              "interactions": [{
                "type": "Asynchronous/Messages",
                "description": "a remote action done event",
                "providerStates": [{ "name": "a remote action succeeded", "params": { "action": "locking" } }],
                "contents": { "content": { "type": "Remote", "remoteEvent": { "remoteType": "Doors", "eventStatus": { "type": "Done", "status": "Success" } } }, "contentType": "application/json", "encoded": false },
                "metadata": { "contentType": "application/json" }
              }],
              "metadata": { "pactSpecification": { "version": "4.0" } }
            }
            """);

        var implied = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl, "--state-url", mock.Server.BaseUrl + ConnectedCarMockServer.StatesPath);
        var given = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl, "--message-url", mock.Server.BaseUrl + "/__mock/messages");
        var none = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl);
        var elsewhere = await RunAsync("pact", "verify", "--pact", pact, "--target", mock.Server.ApiUrl, "--message-url", "http://messages.example:8080/__mock/messages");

        Assert.That((implied.Exit, given.Exit, none.Exit, elsewhere.Exit), Is.EqualTo((0, 0, 1, 2)), implied.Output + given.Output + none.Output + elsewhere.Error);
        Assert.That(given.Output, Does.Contain("1 of 1 interactions verified"));
        Assert.That(none.Output, Does.Contain("no message provider"));
        Assert.That(elsewhere.Error, Does.Contain("must be on the host of --target"));
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
