using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>The outcome of authentication and authorization for one request.</summary>
/// <param name="Scopes">What the caller was granted; null when nothing restricts the body (security off, API key).</param>
internal sealed record AccessDecision(MockResponse? Refusal, ScopeSet? Scopes);

/// <summary>
/// Authenticates (Bearer JWT, static token, or the API key where the document allows it) and
/// authorizes by the API's scope rules: no or bad credentials and tokens without scopes are 401,
/// a valid token lacking a required scope is 403, both with RFC 6750 <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class Authenticator(ApiDocument document, TokenService tokens, BoundedCache<(Operation Operation, ScopeSet Granted), ScopeDecision> decisions) : IAsyncStage
{
    private const string Realm = "connectedcar";

    /// <summary>Authenticate: leaves the granted scopes on the context, or answers 401/403.</summary>
    public async ValueTask<MockResponse?> RunAsync(RequestContext context)
    {
        var access = await DecideAsync(context.Operation, context.Request, context.Settings);
        context.Granted = access.Scopes;
        return access.Refusal;
    }

    /// <param name="settings">The request's snapshot: the security switch and what provider states refuse or withhold.</param>
    public async ValueTask<AccessDecision> DecideAsync(Operation operation, MockRequest request, RuntimeSettings settings)
    {
        if (!settings.SecurityEnabled || operation.Security.Count == 0 || operation.Security.Any(r => r.IsAnonymous))
        {
            return new AccessDecision(null, null);
        }

        var authorization = request.Header("Authorization");
        if (authorization is null)
        {
            return ApiKeyAccess(operation, request) ?? Unauthorized("no credentials: send 'Authorization: Bearer <token>'");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return Unauthorized("the Authorization header is not a Bearer token");
        }

        var (principal, error) = await tokens.ValidateBearerAsync(authorization);
        if (principal is null)
        {
            return Unauthorized(error!);
        }

        var effects = settings.States;
        if (effects.Refuse)
        {
            return Unauthorized("the token has expired (provider state)");
        }

        var scopes = effects.Restrict(principal.Scopes);
        if (scopes.IsEmpty)
        {
            return Unauthorized("the token grants no scopes");
        }

        var decision = decisions.GetOrAdd((operation, scopes), static key => key.Granted.Authorize(key.Operation));
        return decision.IsAllowed
            ? new AccessDecision(null, scopes)
            : Forbidden(decision.Missing, operation.RequiredScopes.Count > 0);
    }

    /// <summary>Access by API key, where one of the operation's requirements is an API key alone.</summary>
    private AccessDecision? ApiKeyAccess(Operation operation, MockRequest request)
    {
        foreach (var requirement in operation.Security)
        {
            if (requirement.Schemes.Count == 1 && document.SecuritySchemes.TryGetValue(requirement.Schemes.Keys.First(), out var scheme)
                && scheme.Kind == SecuritySchemeKind.ApiKey && scheme.ParameterName is { } name)
            {
                var value = scheme.In == ParameterLocation.Header ? request.Header(name)
                    : request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return new AccessDecision(null, ScopeSet.Empty);
                }
            }
        }

        return null;
    }

    private static AccessDecision Unauthorized(string reason)
    {
        var response = ErrorBodies.Create(401, "UNAUTHORIZED", reason)
            .WithHeader("WWW-Authenticate", $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{reason}\"");
        return new AccessDecision(response, null);
    }

    private static AccessDecision Forbidden(IReadOnlyList<string> missing, bool allRequired)
    {
        var scope = string.Join(' ', missing);
        var reason = allRequired ? $"the token lacks the required scope {scope}" : $"the token covers none of the scopes {scope}";
        var response = ErrorBodies.Create(403, "FORBIDDEN", reason)
            .WithHeader("WWW-Authenticate", $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope}\", error_description=\"{reason}\"");
        return new AccessDecision(response, null);
    }
}
