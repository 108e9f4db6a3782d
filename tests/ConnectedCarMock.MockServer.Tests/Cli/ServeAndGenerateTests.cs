using System.Net;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Cli;

public class ServeAndGenerateTests
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "connectedcar-mock.dll");

    [Test]
    public async Task The_server_is_configured_by_environment_variables_as_a_container_user_expects()
    {
        var port = FreePort();
        await using var process = await MockProcess.StartAsync(Dll, [], new Dictionary<string, string>
        {
            ["CCMOCK_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CCMOCK_SEED"] = "99",
            ["CCMOCK_WORLD_SIZE"] = "2",
        });
        using var http = Authorized(process.BaseUrl);

        var health = await http.GetAsync(ConnectedCarMockServer.HealthPath);
        var vehicles = JsonNode.Parse(await http.GetStringAsync("/api/connectedcar/v1/accounts/vehicles"))!;
        var seedHeader = (await http.GetAsync("/api/connectedcar/v1/accounts/vehicles")).Headers.GetValues("X-Mock-Seed").Single();

        Assert.Multiple(() =>
        {
            Assert.That(process.BaseUrl, Does.EndWith(":" + port));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(vehicles["total"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(seedHeader, Is.EqualTo("99"));
        });
    }

    [Test]
    public async Task The_published_document_is_served_with_spec()
    {
        await using var process = await MockProcess.StartAsync(Dll, ["--port", "0", "--spec", TestPaths.RequirePublishedSpec()]);
        using var http = Authorized(process.BaseUrl);

        var response = await http.GetAsync("/api/connectedcar/v1/accounts/vehicles");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/hal+json"));
    }

    [Test]
    public async Task The_WireMock_journal_records_API_requests()
    {
        await using var mock = await RunningMock.StartAsync();
        await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicles")));

        var journal = JsonNode.Parse(await mock.Http.GetStringAsync("/__admin/requests"))!.AsArray();

        Assert.That(journal.Select(e => e!["Request"]!["Path"]!.GetValue<string>()), Does.Contain("/api/connectedcar/v1/accounts/vehicles"));
    }

    [Test]
    public async Task Generate_prints_the_body_the_server_answers()
    {
        var result = await CliRunner.RunAsync("generate", "getVehicleTripById", "--seed", "5");
        await using var mock = await RunningMock.StartAsync(seed: 5);
        var served = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicleTripById")));

        var printed = JsonNode.Parse(result.Output)!.ToJsonString().Replace("http://localhost:8080", mock.Server.BaseUrl, StringComparison.Ordinal);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(printed, Is.EqualTo(JsonNode.Parse(served.Body)!.ToJsonString()));
        var schema = Specs.Embedded.GetOperation("getVehicleTripById").SuccessResponses.First().Content[0].Schema!;
        Assert.That(Specs.Embedded.Validator.Validate(schema, result.Output).IsValid, Is.True);
    }

    [Test]
    public async Task Generate_refuses_an_unknown_operation_with_exit_code_2()
    {
        var result = await CliRunner.RunAsync("generate", "getNothing");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines.Single(), Does.Contain("getNothing"));
    }

    [Test]
    public async Task A_bad_spec_stops_serve_with_exit_code_2()
    {
        var result = await CliRunner.RunAsync("--port", "0", "--spec", Path.Combine(TestPaths.RepositoryRoot, "tests", "ConnectedCarMock.Schemas.Tests", "Malformed", "no-paths.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines.Single(), Does.Contain("no paths"));
    }

    // Servers started with default settings accept tokens signed with the default development secret.
    internal static HttpClient Authorized(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = new MockServer.Security.TokenService(new MockServer.Security.SecurityOptions()).Mint("test", Specs.Embedded.AllScopes);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
