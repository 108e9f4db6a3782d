using ConnectedCarMock.Conformance.Runner;

namespace ConnectedCarMock.Conformance.Checks;

/// <summary>
/// One kind of expectation, run for every operation where it applies. A check says up front when
/// it cannot apply (<see cref="NotApplicable"/>), and may still skip with a reason while running
/// (by throwing <see cref="CaseSkippedException"/>) when it finds out only from the answers.
/// </summary>
internal abstract class Check
{
    public abstract string Id { get; }

    /// <summary>What the check asserts, in one sentence.</summary>
    public abstract string Description { get; }

    /// <summary>Checks that read what the others saw run after them.</summary>
    public virtual bool RunsLast => false;

    /// <summary>Why the check does not apply to the operation; null when it does.</summary>
    public virtual string? NotApplicable(OperationContext operation) => null;

    public abstract Task RunAsync(CaseContext context);
}
