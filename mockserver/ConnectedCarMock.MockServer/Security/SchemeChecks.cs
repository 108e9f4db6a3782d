using System.Text;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>How far a request's credentials got with one security scheme or requirement.</summary>
internal enum CredentialState
{
    /// <summary>Nothing was sent for the scheme.</summary>
    Missing,

    /// <summary>Something was sent and refused (401).</summary>
    Refused,

    /// <summary>A valid token that lacks a scope (403).</summary>
    Insufficient,

    Accepted,
}

/// <summary>The outcome of one scheme or one requirement: accepted with the scopes granted, or why not.</summary>
internal sealed record SchemeOutcome(CredentialState State, string Reason, ScopeSet? Scopes = null, IReadOnlyList<string>? Missing = null, bool AllRequired = true)
{
    public static SchemeOutcome Accept(ScopeSet? scopes) => new(CredentialState.Accepted, string.Empty, scopes);

    public static SchemeOutcome Absent(string what) => new(CredentialState.Missing, what);

    public static SchemeOutcome Refuse(string reason) => new(CredentialState.Refused, reason);
}

/// <summary>
/// Checks the credentials of one request against the security schemes of the document, one requirement
/// (all of its schemes) at a time: API keys in header, query or cookie; HTTP Basic; HTTP Bearer (a JWT when
/// the scheme says so or the token looks like one, any opaque token otherwise); OAuth2 and OpenID Connect
/// (the mock's JWTs, with the API's scope rules). Mutual TLS cannot be seen here and is taken as satisfied.
/// </summary>
internal sealed class SchemeChecks(ApiDocument document, TokenService tokens, AcceptedCredentials accepted, BoundedCache<(Operation Operation, ScopeSet Granted), ScopeDecision> decisions)
{
    // A token without scopes is refused (401) only where scopes mean something: documents that declare them.
    private readonly bool _documentHasScopes = document.AllScopes.Count > 0;

    /// <summary>Every scheme of the requirement must accept; the scopes of its tokens are what the caller was granted.</summary>
    public async ValueTask<SchemeOutcome> RequirementAsync(SecurityRequirement requirement, Operation operation, MockRequest request, RuntimeSettings settings)
    {
        ScopeSet? granted = null;
        foreach (var (name, listed) in requirement.Schemes)
        {
            if (!document.SecuritySchemes.TryGetValue(name, out var scheme))
            {
                return SchemeOutcome.Refuse($"the document names the undeclared security scheme '{name}'");
            }

            var outcome = await SchemeAsync(scheme, listed, operation, request, settings);
            if (outcome.State != CredentialState.Accepted)
            {
                return outcome;
            }

            granted = outcome.Scopes ?? granted;
        }

        return SchemeOutcome.Accept(granted ?? ScopeSet.Empty);
    }

    private ValueTask<SchemeOutcome> SchemeAsync(SecurityScheme scheme, IReadOnlyList<string> listed, Operation operation, MockRequest request, RuntimeSettings settings) => scheme.Kind switch
    {
        SecuritySchemeKind.ApiKey => new(ApiKey(scheme, request)),
        SecuritySchemeKind.Http when scheme.IsHttp("basic") => new(Basic(request)),
        SecuritySchemeKind.Http when scheme.IsHttp("bearer") => BearerAsync(scheme, request, settings),
        SecuritySchemeKind.Http when scheme.IsHttp("none") => new(SchemeOutcome.Accept(null)),
        SecuritySchemeKind.Http => new(OtherHttp(scheme, request)),
        SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect => OAuthAsync(listed, operation, request, settings),
        _ => new(SchemeOutcome.Accept(null)),
    };

    private SchemeOutcome ApiKey(SecurityScheme scheme, MockRequest request)
    {
        var name = scheme.ParameterName ?? string.Empty;
        var value = scheme.In switch
        {
            ParameterLocation.Header => request.Header(name),
            ParameterLocation.Cookie => ParameterReader.Cookie(request, name),
            _ => request.QueryValues(name) is { Count: > 0 } values ? values[0] : null,
        };
        var where = $"the API key '{ParameterReader.Printable(name)}' ({(scheme.In ?? ParameterLocation.Query).ToString().ToLowerInvariant()})";
        if (string.IsNullOrWhiteSpace(value))
        {
            return SchemeOutcome.Absent(where);
        }

        return accepted.AcceptsKey(scheme.Name, value) ? SchemeOutcome.Accept(null) : SchemeOutcome.Refuse($"{where} is not an accepted key");
    }

    private SchemeOutcome Basic(MockRequest request)
    {
        if (request.Header("Authorization") is not { } header)
        {
            return SchemeOutcome.Absent("'Authorization: Basic <user:password>'");
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return SchemeOutcome.Refuse("the Authorization header is not Basic credentials");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return SchemeOutcome.Refuse("the Basic credentials are not base64");
        }

        if (!decoded.Contains(':', StringComparison.Ordinal))
        {
            return SchemeOutcome.Refuse("the Basic credentials are not 'user:password'");
        }

        return accepted.AcceptsBasic(decoded) ? SchemeOutcome.Accept(null) : SchemeOutcome.Refuse("the Basic credentials are not accepted");
    }

    private static SchemeOutcome OtherHttp(SecurityScheme scheme, MockRequest request)
    {
        var prefix = (scheme.HttpScheme ?? string.Empty) + " ";
        return request.Header("Authorization") is not { } header ? SchemeOutcome.Absent($"'Authorization: {prefix.Trim()} ...'")
            : header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? SchemeOutcome.Accept(null)
            : SchemeOutcome.Refuse($"the Authorization header is not {prefix.Trim()} credentials");
    }

    /// <summary>HTTP Bearer: the mock's JWTs and static tokens are validated; other tokens are opaque and accepted unless the scheme says JWT.</summary>
    private async ValueTask<SchemeOutcome> BearerAsync(SecurityScheme scheme, MockRequest request, RuntimeSettings settings)
    {
        if (BearerHeader(request) is not { } authorization)
        {
            return Presented(request);
        }

        var token = authorization[7..].Trim();
        var opaque = token.Count(c => c == '.') != 2 && !string.Equals(scheme.BearerFormat, "JWT", StringComparison.OrdinalIgnoreCase);
        var (principal, error) = await tokens.ValidateBearerAsync(authorization);
        if (principal is null)
        {
            return opaque ? Effects(ScopeSet.Empty, settings) : SchemeOutcome.Refuse(error!);
        }

        return Effects(principal.Scopes, settings);
    }

    /// <summary>OAuth2 and OpenID Connect: a token of the mock's, and the scopes the operation needs (API scope rules).</summary>
    private async ValueTask<SchemeOutcome> OAuthAsync(IReadOnlyList<string> listed, Operation operation, MockRequest request, RuntimeSettings settings)
    {
        if (BearerHeader(request) is not { } authorization)
        {
            return Presented(request);
        }

        var (principal, error) = await tokens.ValidateBearerAsync(authorization);
        if (principal is null)
        {
            return SchemeOutcome.Refuse(error!);
        }

        var outcome = Effects(principal.Scopes, settings);
        if (outcome.State != CredentialState.Accepted)
        {
            return outcome;
        }

        var scopes = outcome.Scopes!;
        if (scopes.IsEmpty && _documentHasScopes)
        {
            return SchemeOutcome.Refuse("the token grants no scopes");
        }

        // The operation's own split (x-scopes: required and optional) decides when the requirement lists its
        // scopes; a requirement with scopes of its own (an alternative) needs each of them.
        if (listed.All(s => operation.Scopes.Contains(s, StringComparer.Ordinal)))
        {
            var decision = decisions.GetOrAdd((operation, scopes), static key => key.Granted.Authorize(key.Operation));
            return decision.IsAllowed ? outcome
                : new SchemeOutcome(CredentialState.Insufficient, string.Empty, scopes, decision.Missing, operation.RequiredScopes.Count > 0);
        }

        var missing = listed.Where(s => !scopes.Covers(s)).ToList();
        return missing.Count == 0 ? outcome : new SchemeOutcome(CredentialState.Insufficient, string.Empty, scopes, missing);
    }

    private static SchemeOutcome Effects(ScopeSet scopes, RuntimeSettings settings)
    {
        var effects = settings.States;
        return effects.Refuse ? SchemeOutcome.Refuse("the token has expired (provider state)") : SchemeOutcome.Accept(effects.Restrict(scopes));
    }

    private static string? BearerHeader(MockRequest request) =>
        request.Header("Authorization") is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header : null;

    /// <summary>No bearer token: absent when there is no Authorization header, refused when it carries something else.</summary>
    private static SchemeOutcome Presented(MockRequest request) =>
        request.Header("Authorization") is null ? SchemeOutcome.Absent("'Authorization: Bearer <token>'") : SchemeOutcome.Refuse("the Authorization header is not a Bearer token");
}
