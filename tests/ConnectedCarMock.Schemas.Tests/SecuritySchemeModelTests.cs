namespace ConnectedCarMock.Schemas.Tests;

/// <summary>The model exposes every kind of security scheme and requirement a document can declare.</summary>
public class SecuritySchemeModelTests
{
    private const string Oas3 = """
        openapi: 3.0.3
        info: { title: Every scheme, version: '1' }
        security:
          - basic: []
          - queryKey: []
            headerKey: []
        paths:
          /inherits:
            get: { operationId: inherits, responses: { '200': { description: OK } } }
          /open:
            get: { operationId: open, security: [], responses: { '200': { description: OK } } }
          /oauth:
            get:
              operationId: oauth
              security: [{ oauth: [read:cars] }, {}]
              responses: { '200': { description: OK } }
        components:
          securitySchemes:
            basic: { type: http, scheme: basic }
            jwt: { type: http, scheme: Bearer, bearerFormat: JWT }
            opaque: { type: http, scheme: bearer }
            headerKey: { type: apiKey, in: header, name: X-Api-Key }
            queryKey: { type: apiKey, in: query, name: client_id }
            cookieKey: { type: apiKey, in: cookie, name: session }
            oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example/.well-known/openid-configuration' }
            oauth:
              type: oauth2
              flows:
                authorizationCode: { authorizationUrl: 'https://id.example/authorize', tokenUrl: 'https://id.example/token', refreshUrl: 'https://id.example/refresh', scopes: { 'read:cars': read, 'write:cars': write } }
                clientCredentials: { tokenUrl: 'https://id.example/token', scopes: { 'read:cars': read (machines) } }
                password: { tokenUrl: 'https://id.example/token', scopes: {} }
                implicit: { authorizationUrl: 'https://id.example/authorize', scopes: { 'read:cars': read } }
        """;

    private const string Swagger2 = """
        swagger: '2.0'
        info: { title: Old schemes, version: '1' }
        security: [{ legacy: [] }]
        paths:
          /cars:
            get: { operationId: cars, responses: { '200': { description: OK } } }
        securityDefinitions:
          legacy: { type: basic }
          key: { type: apiKey, in: query, name: api_key }
          machines: { type: oauth2, flow: application, tokenUrl: 'https://id.example/token', scopes: { fleet: fleet access } }
          people: { type: oauth2, flow: accessCode, authorizationUrl: 'https://id.example/authorize', tokenUrl: 'https://id.example/token', scopes: {} }
          browsers: { type: oauth2, flow: implicit, authorizationUrl: 'https://id.example/authorize', scopes: {} }
          scripts: { type: oauth2, flow: password, tokenUrl: 'https://id.example/token', scopes: {} }
        """;

    [Test]
    public void Http_api_key_OpenID_Connect_and_OAuth2_schemes_are_described_in_full()
    {
        var schemes = SpecLoader.Parse(Oas3).SecuritySchemes;

        var oauth = schemes["oauth"];
        Assert.Multiple(() =>
        {
            Assert.That(schemes["basic"].IsHttp("basic"), Is.True);
            Assert.That(schemes["jwt"].IsHttp("bearer"), Is.True, "HTTP schemes compare without case");
            Assert.That(schemes["jwt"].BearerFormat, Is.EqualTo("JWT"));
            Assert.That(schemes["opaque"].BearerFormat, Is.Null);
            Assert.That(new[] { "headerKey", "queryKey", "cookieKey" }.Select(k => (schemes[k].Kind, schemes[k].In, schemes[k].ParameterName)), Is.EqualTo(new[]
            {
                (SecuritySchemeKind.ApiKey, (ParameterLocation?)ParameterLocation.Header, "X-Api-Key"),
                (SecuritySchemeKind.ApiKey, ParameterLocation.Query, "client_id"),
                (SecuritySchemeKind.ApiKey, ParameterLocation.Cookie, "session"),
            }));
            Assert.That(schemes["oidc"].Kind, Is.EqualTo(SecuritySchemeKind.OpenIdConnect));
            Assert.That(schemes["oidc"].OpenIdConnectUrl, Is.EqualTo("https://id.example/.well-known/openid-configuration"));
            Assert.That(oauth.Flows.Select(f => f.Kind), Is.EquivalentTo(new[] { OAuthFlowKind.AuthorizationCode, OAuthFlowKind.ClientCredentials, OAuthFlowKind.Password, OAuthFlowKind.Implicit }));
            var code = oauth.Flows.Single(f => f.Kind == OAuthFlowKind.AuthorizationCode);
            Assert.That((code.AuthorizationUrl, code.TokenUrl, code.RefreshUrl), Is.EqualTo(("https://id.example/authorize", "https://id.example/token", "https://id.example/refresh")));
            Assert.That(code.Scopes.Keys, Is.EquivalentTo(new[] { "read:cars", "write:cars" }));
            Assert.That(oauth.Flows.Single(f => f.Kind == OAuthFlowKind.Password).Scopes, Is.Empty);
            Assert.That(oauth.Scopes.Keys, Is.EquivalentTo(new[] { "read:cars", "write:cars" }), "scopes over all flows");
        });
    }

    [Test]
    public void Requirements_are_alternatives_of_schemes_that_must_all_hold_and_an_empty_list_means_none()
    {
        var document = SpecLoader.Parse(Oas3);

        var inherited = document.GetOperation("inherits").Security;
        var oauth = document.GetOperation("oauth").Security;
        Assert.Multiple(() =>
        {
            Assert.That(inherited.Select(r => r.Schemes.Keys.Order(StringComparer.Ordinal)), Is.EqualTo(new[] { new[] { "basic" }, new[] { "headerKey", "queryKey" } }));
            Assert.That(document.GetOperation("open").Security, Is.Empty, "security: [] overrides the root");
            Assert.That(oauth, Has.Count.EqualTo(2));
            Assert.That(oauth[0].Schemes["oauth"], Is.EqualTo(new[] { "read:cars" }));
            Assert.That(oauth[1].IsAnonymous, Is.True, "{} is an alternative that needs nothing");
        });
    }

    [Test]
    public void Swagger_2_schemes_and_flows_are_read_as_their_OpenAPI_3_counterparts()
    {
        var document = SpecLoader.Parse(Swagger2);

        var schemes = document.SecuritySchemes;
        Assert.Multiple(() =>
        {
            Assert.That(schemes["legacy"].IsHttp("basic"), Is.True);
            Assert.That((schemes["key"].In, schemes["key"].ParameterName), Is.EqualTo(((ParameterLocation?)ParameterLocation.Query, "api_key")));
            Assert.That(schemes["machines"].Flows.Single().Kind, Is.EqualTo(OAuthFlowKind.ClientCredentials));
            Assert.That(schemes["machines"].Scopes.Keys.Single(), Is.EqualTo("fleet"));
            Assert.That(schemes["people"].Flows.Single().Kind, Is.EqualTo(OAuthFlowKind.AuthorizationCode));
            Assert.That(schemes["browsers"].Flows.Single().Kind, Is.EqualTo(OAuthFlowKind.Implicit));
            Assert.That(schemes["scripts"].Flows.Single().Kind, Is.EqualTo(OAuthFlowKind.Password));
            Assert.That(document.Operations.Single().Security.Single().Schemes.Keys.Single(), Is.EqualTo("legacy"));
        });
    }
}
