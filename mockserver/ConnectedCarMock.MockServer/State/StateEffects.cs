using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.State;

/// <summary>Where the provider states of the current Pact interaction are: what decides whether the next set-up starts clean.</summary>
internal enum StatePhase
{
    /// <summary>No set-up since the last clearing.</summary>
    None,

    /// <summary>States were set up; no API request has been answered since.</summary>
    SetUp,

    /// <summary>An API request was answered after a set-up: the next set-up belongs to another interaction.</summary>
    Served,
}

/// <summary>What active Pact provider states change: refused tokens, withheld scopes, a scenario.</summary>
internal sealed record StateEffects(bool Refuse, IReadOnlyList<string> Withheld, string? Scenario)
{
    public static StateEffects None { get; } = new(false, [], null);

    public StatePhase Phase { get; init; }

    /// <summary>The granted scopes without any that covers, or lies under, a withheld scope.</summary>
    public ScopeSet Restrict(ScopeSet granted) =>
        Withheld.Count == 0
            ? granted
            : new ScopeSet(granted.Names.Where(g => !Withheld.Any(w => new ScopeSet([g]).Covers(w) || new ScopeSet([w]).Covers(g))));
}
