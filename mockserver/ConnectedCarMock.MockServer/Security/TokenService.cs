using System.Security.Claims;
using System.Text.Json;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.Schemas;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>What a validated credential grants.</summary>
internal sealed record Principal(string Subject, ScopeSet Scopes, DateTimeOffset Expires);

/// <summary>
/// Mints and validates JWT access tokens in the RFC 9068 shape (<c>typ: at+jwt</c>; iss, sub, aud,
/// client_id, iat, exp, jti, scope). Validation pins the algorithm to the key's own (so <c>none</c> and
/// HMAC-with-the-public-key forgeries fail), checks lifetime with a small skew, issuer, audience and type.
/// Valid tokens are remembered until they expire, so a busy client costs one signature check.
/// </summary>
internal sealed class TokenService
{
    private readonly SecurityOptions _options;
    private readonly SigningKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters _validation;
    private readonly IReadOnlyDictionary<string, ScopeSet> _static;
    private readonly BoundedCache<string, Principal> _valid;

    public TokenService(SecurityOptions options, BoundedCache<string, Principal>? valid = null)
    {
        _valid = valid ?? Caches.ValidTokens();
        _options = options;
        _key = SigningKey.From(options);
        _static = StaticTokens.Load(options.StaticTokensFile);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = _key.Key,
            ValidAlgorithms = [_key.Algorithm],
            ValidTypes = ["at+jwt", "application/at+jwt"],
            ClockSkew = options.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };
    }

    public SigningKey Key => _key;

    public SecurityOptions Options => _options;

    public string Mint(string clientId, IEnumerable<string> scopes, DateTimeOffset? now = null, TimeSpan? lifetime = null, string? subject = null)
    {
        var issued = now ?? DateTimeOffset.UtcNow;
        var expires = issued + (lifetime ?? _options.TokenLifetime);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(_key.Key, _key.Algorithm),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject ?? clientId,
                ["client_id"] = clientId,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["scope"] = string.Join(' ', scopes),
            },
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>
    /// The principal of an <c>Authorization</c> header's bearer token, remembered by the header as received
    /// (the same cache as tokens): a client repeating its header costs one lookup, no copy of the token.
    /// </summary>
    public ValueTask<(Principal? Principal, string? Error)> ValidateBearerAsync(string authorization)
    {
        // Static tokens never expire (MaxValue): compare against now minus the skew, never add to it.
        if (_valid.TryGet(authorization, out var known) && known.Expires > DateTimeOffset.UtcNow - _options.ClockSkew)
        {
            return new((known, null));
        }

        return ValidateAndRememberAsync(authorization);
    }

    private async ValueTask<(Principal? Principal, string? Error)> ValidateAndRememberAsync(string authorization)
    {
        var (principal, error) = await ValidateAsync(authorization[7..].Trim());
        if (principal is not null)
        {
            _valid.Set(authorization, principal);
        }

        return (principal, error);
    }

    public async ValueTask<(Principal? Principal, string? Error)> ValidateAsync(string token)
    {
        if (_static.TryGetValue(token, out var scopes))
        {
            return (new Principal("static", scopes, DateTimeOffset.MaxValue), null);
        }

        if (_valid.TryGet(token, out var known))
        {
            if (known.Expires > DateTimeOffset.UtcNow - _options.ClockSkew)
            {
                return (known, null);
            }

            _valid.Remove(token);
        }

        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
        {
            return (null, "the token is not a JWT");
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _validation);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return (null, "the token cannot be read");
        }

        if (!result.IsValid)
        {
            return (null, Reason(result.Exception));
        }

        var claims = result.ClaimsIdentity;
        var principal = new Principal(
            claims.FindFirst("sub")?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown",
            ScopeSet.Parse(claims.FindFirst("scope")?.Value),
            new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
        _valid.Set(token, principal);
        return (principal, null);
    }

    /// <summary>
    /// A signed token of another kind than an access token (an authorization code, a refresh token, an ID
    /// token): its own <c>typ</c>, so none of them is ever accepted where an access token is due.
    /// </summary>
    public string MintOther(string type, string audience, IDictionary<string, object> claims, TimeSpan lifetime)
    {
        var issued = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = audience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = (issued + lifetime).UtcDateTime,
            TokenType = type,
            SigningCredentials = new SigningCredentials(_key.Key, _key.Algorithm),
            Claims = claims,
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>The claims of a token made by <see cref="MintOther"/> with that type; null when it is not one, or no longer valid.</summary>
    public async ValueTask<IDictionary<string, object>?> ReadOtherAsync(string token, string type, string audience)
    {
        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
        {
            return null;
        }

        var validation = _validation.Clone();
        validation.ValidTypes = [type];
        validation.ValidAudience = audience;
        try
        {
            var result = await _handler.ValidateTokenAsync(token, validation);
            return result.IsValid ? result.Claims : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidIssuerException => "the token has another issuer",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidTypeException => "the token is not an access token (typ at+jwt)",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        _ => "the token is invalid",
    };
}
