using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

/// <summary>The checks of authentication and authorization share when they apply.</summary>
internal abstract class AuthCheck : Check
{
    public const string PublicOperation = "the operation is public: the document asks for no credentials";
    public const string RootRequirementOnly = "no scope to withhold: the operation only inherits the root requirement (any token with a scope, or the API key)";

    public override string? NotApplicable(OperationContext operation) => operation.IsSecured ? null : PublicOperation;

    /// <summary>Why a check of tokens does not apply: the operation is public, or called with credentials that are not a token.</summary>
    protected static string? NoToken(OperationContext operation) =>
        !operation.IsSecured ? PublicOperation
            : !operation.Access.UsesToken && operation.Access.Missing is null ? $"the operation takes {operation.Access.Describe()}, not a token"
            : operation.Access.AnyAuthorization ? "the operation also takes an API key in the Authorization header: any value of it is a credential, so no token can be refused" : null;

    /// <summary>Why a check of scopes does not apply: no token, or the API's scope rules do not hold for it (no OAuth2 scopes in the document).</summary>
    protected static string? NoScopeRules(OperationContext operation) =>
        NoToken(operation) ?? (operation.Access.UsesToken && !operation.Access.ScopeRules ? "no OAuth2 scope rules: the document declares no scopes for the token this operation takes" : null);

    protected static string List(IEnumerable<string> scopes) => TokenSource.Key(scopes) is { Length: > 0 } key ? key : "(none)";
}

internal sealed class MissingTokenCheck : AuthCheck
{
    public override string Id => "auth.missing-token";

    public override string Description => "A request without credentials answers 401 with a WWW-Authenticate challenge (Bearer where a token is due).";

    public override async Task RunAsync(CaseContext context)
    {
        var response = await context.SendAsync(await context.ValidRequestAsync(token: null), "no credentials");
        if (context.ExpectStatus(response, 401, "without credentials"))
        {
            context.ExpectChallenge(response, error: null);
        }
    }
}

internal sealed class InvalidTokenCheck : AuthCheck
{
    public override string Id => "auth.invalid-token";

    public override string Description => "Tokens with a forged signature, a rewritten (expired) exp or alg none answer 401 with error=\"invalid_token\".";

    public override string? NotApplicable(OperationContext operation) => NoToken(operation);

    public override async Task RunAsync(CaseContext context)
    {
        var good = await context.TokenAsync(context.Op.SufficientScopes);
        var request = await context.ValidRequestAsync(token: null);
        var variants = new List<(string Label, string Token)> { ("forged signature", JwtTamper.Forged(good)) };
        if (JwtTamper.Expired(good, DateTimeOffset.UtcNow) is { } expired)
        {
            variants.Add(("expired (exp rewritten)", expired));
        }

        if (JwtTamper.Unsigned(good) is { } unsigned)
        {
            variants.Add(("unsigned (alg none)", unsigned));
        }

        if (variants.Count == 1)
        {
            context.Note("the token is not a JWT: only a forged one was tried");
        }

        foreach (var (label, token) in variants)
        {
            var response = await context.SendAsync(request with { Token = token }, label);
            if (context.ExpectStatus(response, 401, $"with a token of {label}"))
            {
                context.ExpectChallenge(response, "invalid_token");
            }
        }
    }
}

internal sealed class NoScopesCheck : AuthCheck
{
    public override string Id => "auth.no-scopes";

    public override string Description => "A valid token that grants no scope at all answers 401 with error=\"invalid_token\".";

    public override string? NotApplicable(OperationContext operation) =>
        NoScopeRules(operation) ?? (operation.Access.TokenAloneSuffices ? "an HTTP Bearer requirement of the operation takes any valid token, scopes or not" : null);

    public override async Task RunAsync(CaseContext context)
    {
        var token = await context.TokenAsync([]);
        var response = await context.SendAsync(await context.ValidRequestAsync(token), "token without scopes");
        if (context.ExpectStatus(response, 401, "with a token that grants no scope"))
        {
            context.ExpectChallenge(response, "invalid_token");
        }
    }
}

internal sealed class InsufficientScopeCheck : AuthCheck
{
    public override string Id => "auth.insufficient-scope";

    public override string Description => "A valid token with only an unrelated scope answers 403 with error=\"insufficient_scope\".";

    public override string? NotApplicable(OperationContext operation)
    {
        if (NoScopeRules(operation) is { } reason)
        {
            return reason;
        }

        if (!operation.Operation.Scopes.Any())
        {
            return RootRequirementOnly;
        }

        return Unrelated(operation) is null ? "every scope of the document relates to the operation's scopes: none is unrelated" : null;
    }

    public override async Task RunAsync(CaseContext context)
    {
        var unrelated = Unrelated(context.Op)!;
        var token = await context.TokenAsync([unrelated]);
        var response = await context.SendAsync(await context.ValidRequestAsync(token), $"unrelated scope {unrelated}");
        if (context.ExpectStatus(response, 403, $"with only the unrelated scope {unrelated}"))
        {
            context.ExpectChallenge(response, "insufficient_scope");
        }
    }

    /// <summary>A scope of the document that neither covers nor is covered by any scope of the operation.</summary>
    private static string? Unrelated(OperationContext operation) =>
        operation.Session.EveryScope.FirstOrDefault(s => !operation.Operation.Scopes.Any(o => Scope.Related(s, o)));
}

internal sealed class RequiredScopeCheck : AuthCheck
{
    public override string Id => "auth.required-scope";

    public override string Description => "A token with exactly the required scopes (one optional scope when all are optional) gets the documented 2xx.";

    public override string? NotApplicable(OperationContext operation) => NoToken(operation);

    public override async Task RunAsync(CaseContext context)
    {
        var scopes = context.Op.SufficientScopes;
        var token = await context.TokenAsync(scopes);
        var response = await context.SendAsync(await context.ValidRequestAsync(token, consume: true), $"exactly {List(scopes)}");
        context.ExpectSuccess(response, $"with exactly {List(scopes)}");
    }
}

internal sealed class ParentScopeCheck : AuthCheck
{
    public override string Id => "auth.parent-scope";

    public override string Description => "A token with a parent of a required scope instead of it (data:telemetry:vehicle for data:telemetry:vehicle:alert) gets the documented 2xx.";

    public override string? NotApplicable(OperationContext operation)
    {
        if (NoScopeRules(operation) is { } reason)
        {
            return reason;
        }

        var operationScopes = operation.Operation;
        if (!operationScopes.Scopes.Any())
        {
            return RootRequirementOnly;
        }

        if (ParentSet(operation) is not null)
        {
            return null;
        }

        return operationScopes.RequiredScopes.Count > 0
            ? $"no scope of the document is a parent of {List(operationScopes.RequiredScopes)}"
            : "every parent of its optional scopes is itself one of its scopes";
    }

    public override async Task RunAsync(CaseContext context)
    {
        var (scopes, replaced, parent) = ParentSet(context.Op)!.Value;
        var token = await context.TokenAsync(scopes);
        var response = await context.SendAsync(await context.ValidRequestAsync(token, consume: true), $"{parent} instead of {replaced}");
        context.ExpectSuccess(response, $"with the parent scope {parent} instead of {replaced} ({List(scopes)})");
    }

    /// <summary>The sufficient scopes with one replaced by its nearest parent that the document knows.</summary>
    private static (IReadOnlyList<string> Scopes, string Replaced, string Parent)? ParentSet(OperationContext operation)
    {
        var known = operation.Session.EveryScope;
        var op = operation.Operation;
        if (op.RequiredScopes.Count > 0)
        {
            foreach (var required in op.RequiredScopes)
            {
                if (NearestParent(required, known) is { } parent)
                {
                    return (op.RequiredScopes.Select(s => s == required ? parent : s).Distinct(StringComparer.Ordinal).ToList(), required, parent);
                }
            }

            return null;
        }

        // All optional: a parent that is not itself one of the operation's scopes proves the hierarchy.
        foreach (var optional in op.OptionalScopes)
        {
            if (NearestParent(optional, known) is { } parent && !op.Scopes.Contains(parent, StringComparer.Ordinal))
            {
                return ([parent], optional, parent);
            }
        }

        return null;
    }

    /// <summary>The closest strict ancestor with the same access (<c>remote:write</c> for <c>remote:locking:write</c>) among known scopes.</summary>
    private static string? NearestParent(string scope, IReadOnlyList<string> known)
    {
        var parsed = Scope.Parse(scope);
        for (var length = parsed.Resource.Count - 1; length >= 1; length--)
        {
            var candidate = string.Join(':', parsed.Resource.Take(length)) + (parsed.IsWrite ? ":write" : string.Empty);
            if (known.Contains(candidate, StringComparer.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
