using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;
using Microsoft.IdentityModel.Tokens;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// The grants of the token endpoint (RFC 6749): client credentials, password, authorization code (with PKCE,
/// RFC 7636) and refresh token; an ID token (OpenID Connect) whenever <c>openid</c> is among the scopes.
/// Codes and refresh tokens are signed tokens of their own type, not server state, so every replica
/// started with the same signing secret redeems them.
/// </summary>
internal sealed class TokenGrants
{
    public static readonly string[] GrantTypes = ["client_credentials", "password", "authorization_code", "refresh_token"];

    private const string CodeType = "code+jwt";
    private const string RefreshType = "refresh+jwt";
    private const string CodeAudience = "connectedcarmock:authorization-code";
    private const string RefreshAudience = "connectedcarmock:refresh-token";
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(1);

    private readonly TokenService _tokens;
    private readonly AcceptedCredentials _accepted;

    public TokenGrants(ApiDocument document, TokenService tokens, AcceptedCredentials accepted)
    {
        _tokens = tokens;
        _accepted = accepted;
        // OpenID Connect's own scopes are always known: a client may ask for an ID token on any document.
        KnownScopes = document.AllScopes.Concat(["openid", "profile", "email", "offline_access"]).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> KnownScopes { get; }

    public async ValueTask<MockResponse?> TokenAsync(MockRequest request)
    {
        var contentType = (request.Header("Content-Type") ?? string.Empty).Split(';')[0].Trim();
        if (!contentType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthEndpoints.OAuthError(400, "invalid_request", "send the form as application/x-www-form-urlencoded");
        }

        var form = new Form(QueryString.Parse(Encoding.UTF8.GetString(request.Body)), request);
        return form["grant_type"] switch
        {
            "client_credentials" => ClientCredentials(form),
            "password" => Password(form),
            "authorization_code" => await AuthorizationCodeAsync(form),
            "refresh_token" => await RefreshAsync(form),
            _ => OAuthEndpoints.OAuthError(400, "unsupported_grant_type", $"grant_type must be one of {string.Join(", ", GrantTypes)}"),
        };
    }

    /// <summary>The requested scopes, or the error for those the document does not know.</summary>
    public (List<string> Scopes, MockResponse? Error) Scopes(string? requested)
    {
        var scopes = (requested ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = scopes.Where(s => !KnownScopes.Contains(s)).ToList();
        return unknown.Count > 0
            ? (scopes, OAuthEndpoints.OAuthError(400, "invalid_scope", $"unknown scope(s): {ParameterReader.Printable(string.Join(' ', unknown))}"))
            : (scopes, null);
    }

    /// <summary>An authorization code for what the authorize endpoint approved.</summary>
    public string MintCode(string clientId, string? redirectUri, IReadOnlyList<string> scopes, string? challenge, string? method, string? nonce)
    {
        var claims = new Dictionary<string, object> { ["client_id"] = clientId, ["sub"] = clientId, ["scope"] = string.Join(' ', scopes) };
        Put(claims, "redirect_uri", redirectUri);
        Put(claims, "code_challenge", challenge);
        Put(claims, "code_challenge_method", challenge is null ? null : method ?? "plain");
        Put(claims, "nonce", nonce);
        return _tokens.MintOther(CodeType, CodeAudience, claims, CodeLifetime);
    }

    /// <summary>The token response: an access token, a refresh token where asked, an ID token with <c>openid</c>.</summary>
    public JsonObject Issue(string subject, string clientId, IReadOnlyList<string> scopes, bool refresh, string? nonce = null)
    {
        var body = new JsonObject
        {
            ["access_token"] = _tokens.Mint(clientId, scopes, subject: subject),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)_tokens.Options.TokenLifetime.TotalSeconds,
            ["scope"] = string.Join(' ', scopes),
        };
        if (refresh)
        {
            var claims = new Dictionary<string, object> { ["client_id"] = clientId, ["sub"] = subject, ["scope"] = string.Join(' ', scopes), ["jti"] = Guid.NewGuid().ToString("N") };
            body["refresh_token"] = _tokens.MintOther(RefreshType, RefreshAudience, claims, RefreshLifetime);
        }

        if (scopes.Contains("openid", StringComparer.Ordinal))
        {
            body["id_token"] = IdToken(subject, clientId, nonce);
        }

        return body;
    }

    public string IdToken(string subject, string clientId, string? nonce)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        Put(claims, "nonce", nonce);
        return _tokens.MintOther("JWT", clientId, claims, _tokens.Options.TokenLifetime);
    }

    private MockResponse ClientCredentials(Form form)
    {
        if (form.ClientId is not { } clientId)
        {
            return OAuthEndpoints.OAuthError(401, "invalid_client", "client_id is required (form field or HTTP Basic)")
                .WithHeader("WWW-Authenticate", $"Basic realm=\"{Challenges.Realm}\"");
        }

        var (scopes, error) = Scopes(form["scope"]);
        return error ?? Answer(Issue(clientId, clientId, scopes, refresh: false));
    }

    private MockResponse Password(Form form)
    {
        if (form["username"] is not { Length: > 0 } user || form["password"] is not { } password)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_request", "username and password are required");
        }

        if (!_accepted.AcceptsBasic(user + ":" + password))
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "the username and password are not accepted");
        }

        var (scopes, error) = Scopes(form["scope"]);
        return error ?? Answer(Issue(user, form.ClientId ?? user, scopes, refresh: true));
    }

    private async ValueTask<MockResponse> AuthorizationCodeAsync(Form form)
    {
        if (form["code"] is not { Length: > 0 } code || await _tokens.ReadOtherAsync(code, CodeType, CodeAudience) is not { } claims)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "the authorization code is missing, invalid or expired");
        }

        var clientId = Claim(claims, "client_id")!;
        if (form.ClientId is { } given && given != clientId)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "the code was issued to another client");
        }

        if (Claim(claims, "redirect_uri") is { } redirect && form["redirect_uri"] != redirect)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "redirect_uri differs from the one of the authorization request");
        }

        if (Claim(claims, "code_challenge") is { } challenge && !Verifies(form["code_verifier"], challenge, Claim(claims, "code_challenge_method")))
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "code_verifier does not match the code_challenge (PKCE)");
        }

        var scopes = (Claim(claims, "scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Answer(Issue(Claim(claims, "sub") ?? clientId, clientId, scopes, refresh: true, Claim(claims, "nonce")));
    }

    private async ValueTask<MockResponse> RefreshAsync(Form form)
    {
        if (form["refresh_token"] is not { Length: > 0 } token || await _tokens.ReadOtherAsync(token, RefreshType, RefreshAudience) is not { } claims)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_grant", "the refresh token is missing, invalid or expired");
        }

        var granted = (Claim(claims, "scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (asked, error) = form["scope"] is null ? (granted.ToList(), null) : Scopes(form["scope"]);
        if (error is not null)
        {
            return error;
        }

        if (asked.FirstOrDefault(s => !granted.Contains(s, StringComparer.Ordinal)) is { } wider)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_scope", $"'{ParameterReader.Printable(wider)}' was not granted to the refresh token");
        }

        var clientId = Claim(claims, "client_id")!;
        return Answer(Issue(Claim(claims, "sub") ?? clientId, clientId, asked, refresh: true));
    }

    /// <summary>RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)), plain the verifier itself.</summary>
    private static bool Verifies(string? verifier, string challenge, string? method)
    {
        if (verifier is not { Length: >= 43 and <= 128 })
        {
            return false;
        }

        var expected = method == "S256" ? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }

    private static MockResponse Answer(JsonObject body) => OAuthEndpoints.Json(200, body).WithHeader("Cache-Control", "no-store");

    private static string? Claim(IDictionary<string, object> claims, string name) => claims.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static void Put(Dictionary<string, object> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }

    /// <summary>A token request's form, with the client id from the form or HTTP Basic (RFC 6749 §2.3.1).</summary>
    private sealed class Form(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, MockRequest request)
    {
        public string? this[string name] => fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        public string? ClientId => this["client_id"] is { Length: > 0 } id && !string.IsNullOrWhiteSpace(id) ? id : BasicClientId(request);

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
                return Uri.UnescapeDataString(decoded.Split(':')[0]) is { Length: > 0 } id ? id : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
