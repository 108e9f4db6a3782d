using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// The mock's authorization server: <c>POST /oauth/token</c> (the grants of <see cref="TokenGrants"/>, RFC 6749
/// errors), <c>GET /oauth/authorize</c> (approves at once, so browser apps can be tested: authorization code
/// with PKCE, implicit), <c>/oauth/userinfo</c>, the signing key at <c>/.well-known/jwks.json</c> and the
/// metadata for OpenID Connect discovery and RFC 8414.
/// </summary>
internal sealed class OAuthEndpoints
{
    public const string TokenPath = "/oauth/token";
    public const string AuthorizePath = "/oauth/authorize";
    public const string UserInfoPath = "/oauth/userinfo";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/openid-configuration";
    public const string ServerMetadataPath = "/.well-known/oauth-authorization-server";

    private readonly TokenService _tokens;
    private readonly TokenGrants _grants;
    private readonly AuthorizeEndpoint _authorize;

    public OAuthEndpoints(ApiDocument document, TokenService tokens)
    {
        _tokens = tokens;
        _grants = new TokenGrants(document, tokens, AcceptedCredentials.Load(tokens.Options.CredentialsFile));
        _authorize = new AuthorizeEndpoint(_grants);
    }

    public ValueTask<MockResponse?> HandleAsync(MockRequest request) => request.Path switch
    {
        TokenPath when request.Method == "POST" => _grants.TokenAsync(request),
        TokenPath => new(OAuthError(405, "invalid_request", "use POST").WithHeader("Allow", "POST")),
        AuthorizePath when request.Method is "GET" or "POST" => new(_authorize.Handle(request)),
        UserInfoPath => UserInfoAsync(request),
        JwksPath when request.Method == "GET" => new(Json(200, new JsonObject { ["keys"] = new JsonArray(Jwk(_tokens.Key.PublicJwk)) })),
        MetadataPath or ServerMetadataPath when request.Method == "GET" => new(Json(200, Metadata(request))),
        _ => new((MockResponse?)null),
    };

    private async ValueTask<MockResponse?> UserInfoAsync(MockRequest request)
    {
        var header = request.Header("Authorization");
        var principal = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? (await _tokens.ValidateBearerAsync(header)).Principal
            : null;
        return principal is null
            ? OAuthError(401, "invalid_token", "send a valid access token").WithHeader("WWW-Authenticate", $"Bearer realm=\"{Challenges.Realm}\", error=\"invalid_token\"")
            : Json(200, new JsonObject { ["sub"] = principal.Subject });
    }

    private JsonObject Metadata(MockRequest request) => new()
    {
        ["issuer"] = _tokens.Options.Issuer,
        ["authorization_endpoint"] = request.BaseUrl + AuthorizePath,
        ["token_endpoint"] = request.BaseUrl + TokenPath,
        ["userinfo_endpoint"] = request.BaseUrl + UserInfoPath,
        ["jwks_uri"] = request.BaseUrl + JwksPath,
        ["grant_types_supported"] = Array(TokenGrants.GrantTypes.Append("implicit")),
        ["token_endpoint_auth_methods_supported"] = Array(["client_secret_post", "client_secret_basic", "none"]),
        ["response_types_supported"] = Array(["code", "token", "id_token", "id_token token", "code id_token"]),
        ["response_modes_supported"] = Array(["query", "fragment"]),
        ["code_challenge_methods_supported"] = Array(["S256", "plain"]),
        ["subject_types_supported"] = Array(["public"]),
        ["id_token_signing_alg_values_supported"] = Array([_tokens.Key.Algorithm]),
        ["scopes_supported"] = Array(_grants.KnownScopes.Order(StringComparer.Ordinal)),
        ["claims_supported"] = Array(["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"]),
        ["token_endpoint_auth_signing_alg_values_supported"] = Array([_tokens.Key.Algorithm]),
    };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    public static MockResponse OAuthError(int status, string error, string description) =>
        Json(status, new JsonObject { ["error"] = error, ["error_description"] = description }).WithHeader("Cache-Control", "no-store");

    public static MockResponse Json(int status, JsonNode body) => new(status)
    {
        ContentType = "application/json",
        Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
    };

    // The public members of a JWK (RFC 7517/7518): nothing private, nothing library-specific.
    private static JsonObject Jwk(Microsoft.IdentityModel.Tokens.JsonWebKey key)
    {
        var jwk = new JsonObject { ["kty"] = key.Kty, ["use"] = key.Use, ["alg"] = key.Alg, ["kid"] = key.KeyId };
        if (key.Kty == "EC")
        {
            jwk["crv"] = key.Crv;
            jwk["x"] = key.X;
            jwk["y"] = key.Y;
        }
        else
        {
            jwk["n"] = key.N;
            jwk["e"] = key.E;
        }

        return jwk;
    }
}
