using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// The mock's authorization server: <c>POST /oauth/token</c> (client credentials, RFC 6749 errors),
/// the signing key at <c>/.well-known/jwks.json</c> and issuer metadata (RFC 8414).
/// </summary>
internal sealed class OAuthEndpoints(ApiDocument document, TokenService tokens)
{
    public const string TokenPath = "/oauth/token";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/openid-configuration";

    private readonly HashSet<string> _knownScopes = document.AllScopes.ToHashSet(StringComparer.Ordinal);

    public MockResponse? Handle(MockRequest request) => request.Path switch
    {
        TokenPath when request.Method == "POST" => Token(request),
        TokenPath => OAuthError(405, "invalid_request", "use POST").WithHeader("Allow", "POST"),
        JwksPath when request.Method == "GET" => Json(200, new JsonObject { ["keys"] = new JsonArray(Jwk(tokens.Key.PublicJwk)) }),
        MetadataPath when request.Method == "GET" => Json(200, Metadata(request)),
        _ => null,
    };

    private MockResponse Token(MockRequest request)
    {
        var contentType = (request.Header("Content-Type") ?? string.Empty).Split(';')[0].Trim();
        if (!contentType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError(400, "invalid_request", "send the form as application/x-www-form-urlencoded");
        }

        var form = QueryString.Parse(Encoding.UTF8.GetString(request.Body));
        string? Field(string name) => form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
        if (Field("grant_type") != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
        }

        var clientId = Field("client_id") ?? BasicClientId(request);
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return OAuthError(401, "invalid_client", "client_id is required (form field or HTTP Basic)")
                .WithHeader("WWW-Authenticate", "Basic realm=\"connectedcar\"");
        }

        var scopes = (Field("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = scopes.Where(s => !_knownScopes.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            return OAuthError(400, "invalid_scope", $"unknown scope(s): {ParameterReader.Printable(string.Join(' ', unknown))}");
        }

        var token = tokens.Mint(clientId, scopes);
        return Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)tokens.Options.TokenLifetime.TotalSeconds,
            ["scope"] = string.Join(' ', scopes),
        }).WithHeader("Cache-Control", "no-store");
    }

    private JsonObject Metadata(MockRequest request) => new()
    {
        ["issuer"] = tokens.Options.Issuer,
        ["token_endpoint"] = request.BaseUrl + TokenPath,
        ["jwks_uri"] = request.BaseUrl + JwksPath,
        ["grant_types_supported"] = new JsonArray("client_credentials"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic", "none"),
        ["response_types_supported"] = new JsonArray("token"),
        ["scopes_supported"] = new JsonArray(_knownScopes.Order(StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray()),
        ["token_endpoint_auth_signing_alg_values_supported"] = new JsonArray(tokens.Key.Algorithm),
    };

    private static string? BasicClientId(MockRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return Uri.UnescapeDataString(decoded.Split(':')[0]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static MockResponse OAuthError(int status, string error, string description) =>
        Json(status, new JsonObject { ["error"] = error, ["error_description"] = description }).WithHeader("Cache-Control", "no-store");

    private static MockResponse Json(int status, JsonNode body) => new(status)
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
