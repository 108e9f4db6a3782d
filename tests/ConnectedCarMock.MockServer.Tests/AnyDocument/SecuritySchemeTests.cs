using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Security;

namespace ConnectedCarMock.MockServer.Tests.AnyDocument;

/// <summary>Security as the document declares it: every scheme kind, alternatives, all-of requirements, none, operation over root.</summary>
public class SecuritySchemeTests
{
    private static async Task<ConnectedCarMockServer> StartAsync(SecurityOptions? security = null) =>
        await ConnectedCarMockServer.StartAsync(SecuredDocument.Document, new MockServerOptions { Port = 0, Security = security ?? new SecurityOptions() });

    private static async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(ConnectedCarMockServer server, HttpMethod method, string path, Action<HttpRequestMessage>? credentials = null, string? json = null)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(method, server.ApiUrl + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        credentials?.Invoke(request);
        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static Action<HttpRequestMessage> Basic(string user = "anyone", string password = "anything") =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Action<HttpRequestMessage> Header(string name, string value) => r => r.Headers.TryAddWithoutValidation(name, value);

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static string FirstCar(ConnectedCarMockServer server)
    {
        var world = new Fixtures.World.FleetWorld(server.Document, new Fixtures.World.WorldOptions { Seed = server.Options.Seed, Size = server.Options.WorldSize });
        return world.IdsOf(world.Model.ByList("/cars")!, new Dictionary<string, string>())[0];
    }

    [Test]
    public async Task Root_alternatives_take_HTTP_Basic_or_an_API_key_header_any_value_by_default()
    {
        await using var server = await StartAsync();

        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Basic())).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Header("X-Api-Key", "whatever"))).Status, Is.EqualTo(200));
        var (status, _, response) = await SendAsync(server, HttpMethod.Get, "/cars");
        Assert.That(status, Is.EqualTo(401));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Basic"));
    }

    [Test]
    public async Task Credentials_from_a_file_are_the_only_ones_accepted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"credentials-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"basic": ["alice:secret"], "apiKeys": {"keyHeader": ["k-1"]}}""");
        await using var server = await StartAsync(new SecurityOptions { CredentialsFile = file });

        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Basic("alice", "secret"))).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Basic("alice", "wrong"))).Status, Is.EqualTo(401));
        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Header("X-Api-Key", "k-1"))).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(server, HttpMethod.Get, "/cars", Header("X-Api-Key", "k-2"))).Status, Is.EqualTo(401));
    }

    [Test]
    public async Task One_requirement_needs_all_its_schemes_query_key_and_cookie_together()
    {
        await using var server = await StartAsync();
        var car = FirstCar(server);

        Assert.That((await SendAsync(server, HttpMethod.Get, $"/cars/{car}?key=k")).Status, Is.EqualTo(401), "the cookie is missing");
        Assert.That((await SendAsync(server, HttpMethod.Get, $"/cars/{car}", Header("Cookie", "session=s"))).Status, Is.EqualTo(401), "the query key is missing");
        Assert.That((await SendAsync(server, HttpMethod.Get, $"/cars/{car}?key=k", Header("Cookie", "theme=dark; session=s"))).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task HTTP_Bearer_takes_the_mocks_JWTs_refuses_forged_ones_and_takes_opaque_tokens_where_the_scheme_is_not_JWT()
    {
        await using var server = await StartAsync();
        var car = FirstCar(server);
        var jwt = server.MintToken([]);
        var forged = jwt[..^2] + (jwt[^2] == 'A' ? "BB" : "AA");

        Assert.That((await SendAsync(server, HttpMethod.Get, $"/cars/{car}", Bearer(jwt))).Status, Is.EqualTo(200), "a JWT of the mock, no scopes needed");
        Assert.That((await SendAsync(server, HttpMethod.Get, $"/cars/{car}", Bearer("opaque-token-123"))).Status, Is.EqualTo(200), "the opaque alternative");
        var (status, body, _) = await SendAsync(server, HttpMethod.Get, $"/cars/{car}", Bearer(forged));
        Assert.That(status, Is.EqualTo(401), body);
    }

    [Test]
    public async Task OAuth2_keeps_the_scope_rules_401_without_scopes_403_without_the_required_one()
    {
        await using var server = await StartAsync();
        const string car = """{"plate": "AB-123-CD"}""";

        Assert.That((await SendAsync(server, HttpMethod.Post, "/cars", Bearer(server.MintToken([])), car)).Status, Is.EqualTo(401));
        var (status, _, response) = await SendAsync(server, HttpMethod.Post, "/cars", Bearer(server.MintToken(["cars"])), car);
        Assert.That(status, Is.EqualTo(403));
        Assert.That(response.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("insufficient_scope"));
        Assert.That((await SendAsync(server, HttpMethod.Post, "/cars", Bearer(server.MintToken(["cars:write"])), car)).Status, Is.EqualTo(201));
        Assert.That((await SendAsync(server, HttpMethod.Post, "/cars", Basic(), car)).Status, Is.EqualTo(401), "the operation's own requirement replaces the root's");
    }

    [Test]
    public async Task Security_none_is_public_and_security_off_serves_everything()
    {
        await using var server = await StartAsync();
        await using var open = await StartAsync(new SecurityOptions { Enabled = false });

        Assert.That((await SendAsync(server, HttpMethod.Get, "/health")).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(open, HttpMethod.Get, "/cars")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Refusals_are_written_in_the_documents_error_model()
    {
        await using var server = await StartAsync();

        var (status, body, response) = await SendAsync(server, HttpMethod.Get, "/cars");

        Assert.That(status, Is.EqualTo(401));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonNode.Parse(body)!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(401));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("no credentials"));
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        Assert.That(server.Document.Validator.Validate(server.Document.Schemas["Problem"], problem, Schemas.ValidationMode.Strict).IsValid, Is.True);
    }
}
