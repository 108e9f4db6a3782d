namespace ConnectedCarMock.Schemas;

/// <summary>The scopes granted to a token, with the API's hierarchical coverage rules.</summary>
internal sealed class ScopeSet
{
    private readonly Scope[] _scopes;
    private readonly string _text;

    public ScopeSet(IEnumerable<string> scopes)
    {
        _scopes = scopes.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Select(Scope.Parse).ToArray();
        _text = string.Join(' ', _scopes.Select(s => s.Name));
    }

    public static ScopeSet Empty { get; } = new([]);

    /// <summary>A space-delimited <c>scope</c> claim or form field (RFC 6749 §3.3).</summary>
    public static ScopeSet Parse(string? scope) =>
        new((scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public bool IsEmpty => _scopes.Length == 0;

    public IEnumerable<string> Names => _scopes.Select(s => s.Name);

    public bool Covers(string required)
    {
        var scope = Scope.Parse(required);
        foreach (var granted in _scopes)
        {
            if (granted.Covers(scope))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the token may call the operation. Required scopes must all be covered. An operation
    /// whose scopes are all optional needs at least one of them: a token that covers none would
    /// only ever receive an empty body. An operation without scopes needs none.
    /// </summary>
    public ScopeDecision Authorize(Operation operation)
    {
        foreach (var required in operation.RequiredScopes)
        {
            if (!Covers(required))
            {
                return new ScopeDecision(false, [required]);
            }
        }

        if (operation.RequiredScopes.Count == 0 && operation.OptionalScopes.Count > 0 && !operation.OptionalScopes.Any(Covers))
        {
            return new ScopeDecision(false, operation.OptionalScopes);
        }

        return ScopeDecision.Allowed;
    }

    /// <summary>The granted scopes as a space-separated claim; stable, so it serves as a cache key.</summary>
    public override string ToString() => _text;
}

/// <summary>The outcome of <see cref="ScopeSet.Authorize"/>; <paramref name="Missing"/> lists what would have sufficed.</summary>
internal sealed record ScopeDecision(bool IsAllowed, IReadOnlyList<string> Missing)
{
    public static ScopeDecision Allowed { get; } = new(true, []);
}
