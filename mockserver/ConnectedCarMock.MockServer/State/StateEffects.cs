using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.State;

/// <summary>What active Pact provider states change: refused tokens, withheld scopes, a scenario.</summary>
internal sealed record StateEffects(bool Refuse, IReadOnlyList<string> Withheld, string? Scenario)
{
    public static StateEffects None { get; } = new(false, [], null);

    /// <summary>The granted scopes without any that covers, or lies under, a withheld scope.</summary>
    public ScopeSet Restrict(ScopeSet granted) =>
        Withheld.Count == 0
            ? granted
            : new ScopeSet(granted.Names.Where(g => !Withheld.Any(w => new ScopeSet([g]).Covers(w) || new ScopeSet([w]).Covers(g))));
}
