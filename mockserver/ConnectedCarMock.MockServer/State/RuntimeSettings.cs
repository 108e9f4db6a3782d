using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// What can be switched while the server runs: variation, faults, the default scenario, the effects of
/// provider states and the security switch. Immutable: a request reads one snapshot
/// (<see cref="StateSnapshot.Settings"/>), admin endpoints swap the whole record through the store.
/// </summary>
internal sealed record RuntimeSettings
{
    public static RuntimeSettings Default { get; } = new();

    /// <summary>Variation of every answer unless a request asks otherwise; null for none.</summary>
    public VariationSettings? Variation { get; init; }

    /// <summary>Faults injected at random into API answers; null for none.</summary>
    public FaultPlan? Faults { get; init; }

    /// <summary>Scenario of every request that names none (<c>--scenario</c>); provider states may set another.</summary>
    public string? Scenario { get; init; }

    public StateEffects States { get; init; } = StateEffects.None;

    /// <summary>Whether OAuth2 and API keys are enforced.</summary>
    public bool SecurityEnabled { get; init; } = true;

    /// <summary>The scenario a request without <c>X-Mock-Scenario</c> gets.</summary>
    public string? DefaultScenario => States.Scenario ?? Scenario;

    public static RuntimeSettings From(MockServerOptions options) => new()
    {
        Variation = options.Variation is { IsOff: false } variation ? variation : null,
        Faults = options.Faults,
        Scenario = options.Scenario,
        SecurityEnabled = options.Security.Enabled,
    };
}
