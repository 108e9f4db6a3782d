using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>The outcome of authentication and authorization for one request.</summary>
/// <param name="Scopes">What the caller was granted; null when nothing restricts the body (security off, no security).</param>
internal sealed record AccessDecision(MockResponse? Refusal, ScopeSet? Scopes);

/// <summary>
/// Authenticates and authorizes as the document declares: the operation's requirement objects are
/// alternatives (any one suffices), the schemes of one object are all needed, <c>security: []</c> means
/// none, an operation's own list replaces the root's. Each scheme kind is checked by <see cref="SchemeChecks"/>.
/// Refusals follow the API's rules: nothing or something bad sent is 401, a valid token lacking a required
/// scope is 403, each with the challenges of the schemes the operation accepts (RFC 6750, RFC 7617).
/// </summary>
internal sealed class Authenticator : IAsyncStage
{
    private static readonly AccessDecision Open = new(null, null);

    private readonly SchemeChecks _schemes;
    private readonly Challenges _challenges;

    public Authenticator(ApiDocument document, TokenService tokens, BoundedCache<(Operation Operation, ScopeSet Granted), ScopeDecision> decisions)
    {
        _schemes = new SchemeChecks(document, tokens, AcceptedCredentials.Load(tokens.Options.CredentialsFile), decisions);
        _challenges = new Challenges(document);
    }

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
            return Open;
        }

        SchemeOutcome? closest = null;
        var absent = new List<string>();
        foreach (var requirement in operation.Security)
        {
            var outcome = await _schemes.RequirementAsync(requirement, operation, request, settings);
            if (outcome.State == CredentialState.Accepted)
            {
                return new AccessDecision(null, outcome.Scopes);
            }

            if (outcome.State == CredentialState.Missing)
            {
                absent.Add(outcome.Reason);
            }

            // What to answer when no alternative holds: a valid token's missing scope (403) over credentials
            // that were sent and refused, over credentials not sent at all.
            if (closest is null || outcome.State > closest.State)
            {
                closest = outcome;
            }
        }

        return closest!.State switch
        {
            CredentialState.Insufficient => Forbidden(closest.Missing!, closest.AllRequired),
            CredentialState.Refused => Unauthorized(operation, closest.Reason),
            _ => Unauthorized(operation, "no credentials: send " + string.Join(" or ", absent.Distinct(StringComparer.Ordinal))),
        };
    }

    private AccessDecision Unauthorized(Operation operation, string reason)
    {
        var response = ErrorBodies.Create(401, "UNAUTHORIZED", reason);
        foreach (var challenge in _challenges.For(operation, reason))
        {
            response.WithHeader("WWW-Authenticate", challenge);
        }

        return new AccessDecision(response, null);
    }

    private static AccessDecision Forbidden(IReadOnlyList<string> missing, bool allRequired)
    {
        var scope = string.Join(' ', missing);
        var reason = allRequired ? $"the token lacks the required scope {scope}" : $"the token covers none of the scopes {scope}";
        var response = ErrorBodies.Create(403, "FORBIDDEN", reason)
            .WithHeader("WWW-Authenticate", $"Bearer realm=\"{Challenges.Realm}\", error=\"insufficient_scope\", scope=\"{scope}\", error_description=\"{reason}\"");
        return new AccessDecision(response, null);
    }
}
