namespace ConnectedCarMock.Pact;

/// <summary>The outcome of replaying a pact against a provider with the Pact engine's verifier.</summary>
public sealed record PactVerificationResult
{
    public required string Consumer { get; init; }

    public required string Provider { get; init; }

    /// <summary>The pact that was replayed.</summary>
    public required string PactFile { get; init; }

    public required Uri Target { get; init; }

    /// <summary>Every interaction of the pact, in pact order, with its verdict.</summary>
    public required IReadOnlyList<PactInteractionResult> Interactions { get; init; }

    /// <summary>The verifier's own report, as it would print it (ANSI colours stripped).</summary>
    public string EngineOutput { get; init; } = string.Empty;

    /// <summary>The verifier's result document (<c>pactffi_verifier_json</c>), for tools that want every detail.</summary>
    public string EngineJson { get; init; } = string.Empty;

    /// <summary>Errors of the run itself (provider unreachable, unreadable pact), not of one interaction.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>No run error and every interaction passed, or failed while pending (pending failures are not fatal, as in Pact).</summary>
    public bool Passed => Errors.Count == 0 && Interactions.All(i => i.Passed || i.Pending);

    public IEnumerable<PactInteractionResult> Failed => Interactions.Where(i => !i.Passed);

    /// <summary>Writes the result as JUnit XML (one test case per interaction) for CI servers.</summary>
    public void WriteJUnit(string path) => PactJUnitWriter.Write([this], path);

    /// <summary>The result as a JUnit XML document.</summary>
    public string ToJUnitXml() => PactJUnitWriter.ToXml([this]);

    public override string ToString() =>
        $"{Consumer} -> {Provider} at {Target}: {Interactions.Count(i => i.Passed)} passed, {Interactions.Count(i => !i.Passed)} failed"
        + (Errors.Count == 0 ? string.Empty : $", {Errors.Count} error(s)");
}

/// <summary>One interaction of a verified pact.</summary>
/// <param name="Description">The interaction's description from the pact.</param>
/// <param name="ProviderStates">The provider states the interaction needs.</param>
/// <param name="Mismatches">Why it failed, in the engine's words; empty when it passed.</param>
public sealed record PactInteractionResult(string Description, IReadOnlyList<string> ProviderStates, bool Passed, IReadOnlyList<string> Mismatches)
{
    /// <summary>The pact marks the interaction pending: its failure is reported but does not fail the verification.</summary>
    public bool Pending { get; init; }

    /// <summary>A message interaction (the provider produces a message) rather than an HTTP request.</summary>
    public bool IsMessage { get; init; }

    public override string ToString() => Passed ? $"{Description}: passed" : $"{Description}: {string.Join("; ", Mismatches)}";
}
