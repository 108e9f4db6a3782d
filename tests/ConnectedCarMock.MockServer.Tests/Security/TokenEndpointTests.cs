using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Cli;
using ConnectedCarMock.MockServer.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConnectedCarMock.MockServer.Tests.Security;

public class TokenEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> RequestToken(RunningMock mock, params (string, string)[] form)
    {
        var response = await mock.Anonymous.PostAsync("/oauth/token", new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Test]
    public async Task Client_credentials_give_an_RFC_9068_access_token_the_API_accepts()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, body) = await RequestToken(mock, ("grant_type", "client_credentials"), ("client_id", "car-app"), ("scope", "data:vehicle data:trip"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["token_type"]!.GetValue<string>(), Is.EqualTo("Bearer"));
        Assert.That(body["expires_in"]!.GetValue<int>(), Is.EqualTo(3600));
        Assert.That(body["scope"]!.GetValue<string>(), Is.EqualTo("data:vehicle data:trip"));
        var token = new JsonWebToken(body["access_token"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(token.Typ, Is.EqualTo("at+jwt"));
            Assert.That(token.Alg, Is.EqualTo("ES256"));
            Assert.That(token.Issuer, Is.Not.Empty);
            Assert.That(token.Audiences, Is.Not.Empty);
            foreach (var claim in new[] { "sub", "client_id", "iat", "exp", "jti", "scope" })
            {
                Assert.That(token.TryGetPayloadValue<object>(claim, out _), Is.True, claim);
            }
        });

        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        Assert.That((await mock.SendAsync(request, anonymous: true)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task The_published_key_verifies_the_token()
    {
        await using var mock = await RunningMock.StartAsync();
        var jwks = new JsonWebKeySet(await mock.Anonymous.GetStringAsync("/.well-known/jwks.json"));
        var metadata = JsonNode.Parse(await mock.Anonymous.GetStringAsync("/.well-known/openid-configuration"))!;
        var (_, body) = await RequestToken(mock, ("grant_type", "client_credentials"), ("client_id", "car-app"), ("scope", "data:trip"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body["access_token"]!.GetValue<string>(), new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.Keys,
            ValidIssuer = metadata["issuer"]!.GetValue<string>(),
            ValidAudience = "connected-car-api",
        });

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.That(metadata["token_endpoint"]!.GetValue<string>(), Is.EqualTo(mock.Server.BaseUrl + "/oauth/token"));
        Assert.That(metadata["jwks_uri"]!.GetValue<string>(), Is.EqualTo(mock.Server.BaseUrl + "/.well-known/jwks.json"));
        Assert.That(jwks.Keys.Single().Kty, Is.EqualTo("EC"));
    }

    [TestCase("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&client_id=a&scope=data:trip", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [TestCase("grant_type=password&client_id=a&scope=data:trip", HttpStatusCode.BadRequest, "invalid_request")]
    [TestCase("grant_type=client_credentials&client_id=a&scope=data:trip%20data:everything", HttpStatusCode.BadRequest, "invalid_scope")]
    [TestCase("grant_type=client_credentials&scope=data:trip", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Bad_token_requests_get_RFC_6749_errors(string form, HttpStatusCode expected, string error)
    {
        await using var mock = await RunningMock.StartAsync();

        var response = await mock.Anonymous.PostAsync("/oauth/token", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo(error));
        Assert.That(body["error_description"], Is.Not.Null);
    }

    [Test]
    public async Task A_token_printed_by_the_CLI_is_accepted_by_a_server_with_the_same_settings_even_after_a_restart()
    {
        var printed = await CliRunner.RunAsync("token", "--scope", "data:vehicle", "--signing-secret", "team-secret");
        Assert.That(printed.ExitCode, Is.EqualTo(0), printed.Error);
        var token = printed.Output.Trim();

        foreach (var attempt in new[] { 1, 2 })
        {
            await using var server = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Security = new MockServer.Security.SecurityOptions { SigningSecret = "team-secret" } });
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.That((await http.GetAsync("/api/connectedcar/v1/accounts/vehicles")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"server {attempt}");
        }

        await using var other = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Security = new MockServer.Security.SecurityOptions { SigningSecret = "another-secret" } });
        using var client = new HttpClient { BaseAddress = new Uri(other.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That((await client.GetAsync("/api/connectedcar/v1/accounts/vehicles")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_CLI_refuses_scopes_the_document_does_not_know()
    {
        var result = await CliRunner.RunAsync("token", "--scope", "data:nothing");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("invalid_scope"));
    }

    [Test]
    public async Task Static_tokens_from_a_file_grant_their_scopes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tokens-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"trip-reader": "data:trip", "nobody": []}""");
        await using var server = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Security = new MockServer.Security.SecurityOptions { StaticTokensFile = file } });
        var world = new Fixtures.World.FleetWorld(server.Document, new Fixtures.World.WorldOptions { Seed = server.Options.Seed });
        var vehicle = world.IdsOf(world.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

        async Task<HttpStatusCode> Call(string token, string path)
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await http.GetAsync(path)).StatusCode;
        }

        Assert.That(await Call("trip-reader", $"/api/connectedcar/v1/accounts/vehicles/{vehicle}/trips"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Call("trip-reader", "/api/connectedcar/v1/accounts/vehicles"), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await Call("nobody", "/api/connectedcar/v1/accounts/vehicles"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_API_key_is_honoured_where_the_document_allows_it()
    {
        await using var mock = await RunningMock.StartAsync();
        var capability = mock.RequestFor(mock.Document.GetOperation("getVehicleCapabilityByid"));
        var withKey = new HttpRequestMessage(HttpMethod.Get, capability.RequestUri + "?client_id=my-app");
        var vehicles = new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/vehicles?client_id=my-app");

        Assert.That((await mock.SendAsync(withKey, anonymous: true)).Status, Is.EqualTo(200));
        Assert.That((await mock.SendAsync(vehicles, anonymous: true)).Status, Is.EqualTo(401), "getVehicles requires OAuth");
    }

    [Test]
    public async Task With_security_off_no_credentials_are_needed()
    {
        await using var server = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Security = new MockServer.Security.SecurityOptions { Enabled = false } });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        Assert.That((await http.GetAsync("/api/connectedcar/v1/accounts/vehicles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Environment_variables_configure_security()
    {
        var environment = new Dictionary<string, string>
        {
            ["CCMOCK_SECURITY"] = "off",
            ["CCMOCK_SIGNING_SECRET"] = "s3",
            ["CCMOCK_ISSUER"] = "https://issuer.test",
            ["CCMOCK_AUDIENCE"] = "aud.test",
            ["CCMOCK_FAULTS"] = "status=503;probability=0.25",
        };

        var options = MockServerOptions.FromEnvironment(environment.GetValueOrDefault);

        Assert.Multiple(() =>
        {
            Assert.That(options.Security.Enabled, Is.False);
            Assert.That(options.Security.SigningSecret, Is.EqualTo("s3"));
            Assert.That(options.Security.Issuer, Is.EqualTo("https://issuer.test"));
            Assert.That(options.Security.Audience, Is.EqualTo("aud.test"));
            Assert.That(options.Faults!.Status, Is.EqualTo(503));
            Assert.That(options.Faults.Probability, Is.EqualTo(0.25));
        });
    }
}
