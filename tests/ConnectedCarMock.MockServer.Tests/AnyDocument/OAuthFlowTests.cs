using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConnectedCarMock.MockServer.Tests.AnyDocument;

/// <summary>The authorization server's flows: password, authorization code with PKCE, refresh tokens, implicit, OpenID Connect.</summary>
public class OAuthFlowTests
{
    private const string Redirect = "https://app.example.com/callback";

    private static HttpClient Client(ConnectedCarMockServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

    private static async Task<(HttpStatusCode Status, JsonNode Body)> TokenAsync(HttpClient http, params (string, string)[] form)
    {
        var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static Dictionary<string, string> Parameters(string encoded) =>
        encoded.TrimStart('?', '#').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    [Test]
    public async Task Authorization_code_with_PKCE_approves_at_once_and_the_code_redeems_only_with_its_verifier()
    {
        await using var server = await ConnectedCarMockServer.StartAsync(SecuredDocument.Document, new MockServerOptions { Port = 0 });
        using var http = Client(server);
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

        var authorize = await http.GetAsync($"/oauth/authorize?response_type=code&client_id=web&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=cars%20openid&state=xyz&nonce=n-1&code_challenge={challenge}&code_challenge_method=S256");
        Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var location = authorize.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(Redirect));
        var query = Parameters(location.Query);
        Assert.That(query["state"], Is.EqualTo("xyz"));

        var (wrong, error) = await TokenAsync(http, ("grant_type", "authorization_code"), ("code", query["code"]), ("redirect_uri", Redirect), ("client_id", "web"), ("code_verifier", verifier[..^1] + (verifier[^1] == 'a' ? "b" : "a")));
        Assert.That(wrong, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));

        var (status, body) = await TokenAsync(http, ("grant_type", "authorization_code"), ("code", query["code"]), ("redirect_uri", Redirect), ("client_id", "web"), ("code_verifier", verifier));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var id = new JsonWebToken(body["id_token"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(body["scope"]!.GetValue<string>(), Is.EqualTo("cars openid"));
            Assert.That(body["refresh_token"], Is.Not.Null);
            Assert.That(id.Audiences, Is.EquivalentTo(new[] { "web" }));
            Assert.That(id.GetPayloadValue<string>("nonce"), Is.EqualTo("n-1"));
        });

        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", body["access_token"]!.GetValue<string>());
        var car = new Fixtures.World.FleetWorld(server.Document).IdsOf(new Fixtures.World.FleetWorld(server.Document).Model.ByList("/cars")!, new Dictionary<string, string>())[0];
        Assert.That((int)(await api.PutAsync($"{server.ApiUrl}/cars/{car}/status", new StringContent("""{"status":"Driving"}""", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(200), "OpenID Connect operation");
    }

    [Test]
    public async Task Refresh_tokens_give_new_tokens_for_the_same_or_fewer_scopes_only()
    {
        await using var server = await ConnectedCarMockServer.StartAsync(SecuredDocument.Document, new MockServerOptions { Port = 0 });
        using var http = Client(server);
        var (_, first) = await TokenAsync(http, ("grant_type", "password"), ("username", "driver"), ("password", "pw"), ("client_id", "app"), ("scope", "cars cars:write"));
        var refresh = first["refresh_token"]!.GetValue<string>();

        var (status, narrowed) = await TokenAsync(http, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "cars"));
        var (wider, refused) = await TokenAsync(http, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "cars openid"));
        var (forged, invalid) = await TokenAsync(http, ("grant_type", "refresh_token"), ("refresh_token", first["access_token"]!.GetValue<string>()));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(narrowed["scope"]!.GetValue<string>(), Is.EqualTo("cars"));
            Assert.That(new JsonWebToken(narrowed["access_token"]!.GetValue<string>()).Subject, Is.EqualTo("driver"));
            Assert.That(wider, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused["error"]!.GetValue<string>(), Is.EqualTo("invalid_scope"));
            Assert.That(forged, Is.EqualTo(HttpStatusCode.BadRequest), "an access token is no refresh token");
            Assert.That(invalid["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task The_implicit_flow_returns_the_token_in_the_fragment_and_discovery_describes_every_endpoint()
    {
        await using var server = await ConnectedCarMockServer.StartAsync(SecuredDocument.Document, new MockServerOptions { Port = 0 });
        using var http = Client(server);

        var implicitFlow = await http.GetAsync($"/oauth/authorize?response_type=token&client_id=spa&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=cars&state=s1");
        var fragment = Parameters(implicitFlow.Headers.Location!.Fragment);
        var discovery = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-configuration"))!;
        var userinfo = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        userinfo.Headers.Authorization = new("Bearer", fragment["access_token"]);
        var me = JsonNode.Parse(await (await http.SendAsync(userinfo)).Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(fragment["token_type"], Is.EqualTo("Bearer"));
            Assert.That(fragment["state"], Is.EqualTo("s1"));
            Assert.That(discovery["authorization_endpoint"]!.GetValue<string>(), Is.EqualTo(server.BaseUrl + "/oauth/authorize"));
            Assert.That(discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()), Does.Contain("S256"));
            Assert.That(discovery["grant_types_supported"]!.AsArray().Select(m => m!.GetValue<string>()), Is.SupersetOf(new[] { "authorization_code", "refresh_token", "password", "client_credentials" }));
            Assert.That(me["sub"]!.GetValue<string>(), Is.EqualTo("spa"));
        });
    }

    [Test]
    public async Task An_authorization_request_without_a_valid_redirect_is_answered_directly()
    {
        await using var server = await ConnectedCarMockServer.StartAsync(SecuredDocument.Document, new MockServerOptions { Port = 0 });
        using var http = Client(server);

        var response = await http.GetAsync("/oauth/authorize?response_type=code&client_id=web");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo("invalid_request"));
    }
}
