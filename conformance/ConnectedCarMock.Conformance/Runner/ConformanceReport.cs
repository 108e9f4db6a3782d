namespace ConnectedCarMock.Conformance;

public enum CaseOutcome
{
    Passed,
    Failed,

    /// <summary>The check could not run to its end: a timeout, a connection dropped, a token that could not be had.</summary>
    Error,

    /// <summary>The check does not apply to the operation; the message says why.</summary>
    Skipped,
}

/// <summary>One HTTP request of a case and what came back, kept short for reports.</summary>
public sealed record Exchange(
    string Label,
    string Method,
    string Url,
    int? Status,
    string? ContentType,
    string BodyExcerpt,
    IReadOnlyDictionary<string, string> Headers)
{
    public override string ToString() =>
        $"{Label}: {Method} {Url} → {(Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}"
        + (ContentType is null ? string.Empty : $" {ContentType}")
        + (BodyExcerpt.Length == 0 ? string.Empty : $" {BodyExcerpt}");
}

/// <summary>One check on one operation.</summary>
public sealed record CaseResult
{
    public required string OperationId { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required string CheckId { get; init; }

    public required CaseOutcome Outcome { get; init; }

    /// <summary>One line: why it failed or was skipped, or what passed.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Every failed expectation, when there were several.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The requests the check sent (the ones that failed first, then the others).</summary>
    public IReadOnlyList<Exchange> Exchanges { get; init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>
    /// For skipped cases: the check applies but could not run (no id discovered, no credentials), as opposed to a
    /// check that does not apply to the operation.
    /// </summary>
    public bool CouldNotRun { get; init; }

    /// <summary>Readable case name, e.g. <c>getVehicleByid › auth.insufficient-scope</c>.</summary>
    public string Name => $"{OperationId} › {CheckId}";

    public bool IsExecuted => Outcome != CaseOutcome.Skipped;
}

/// <summary>The counts of one check (or one tag) over every operation.</summary>
public sealed record CaseTally(string Name, string Description, int Passed, int Failed, int Errors, int Skipped)
{
    public int Executed => Passed + Failed + Errors;

    public int Total => Executed + Skipped;
}

/// <summary>The outcome of a conformance run.</summary>
public sealed record ConformanceReport
{
    public required string Target { get; init; }

    public required string SpecSource { get; init; }

    public required string SpecTitle { get; init; }

    public required string SpecVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The checks the run knows, in report order: the API checks, or the webhook checks of <c>webhook</c>.</summary>
    public IReadOnlyList<CheckInfo> Checks { get; init; } = CheckCatalog.All;

    /// <summary>Every operation × check, in document and catalogue order.</summary>
    public required IReadOnlyList<CaseResult> Cases { get; init; }

    public int Total => Cases.Count;

    public int Executed => Cases.Count(c => c.IsExecuted);

    public int Passed => Count(CaseOutcome.Passed);

    public int Failed => Count(CaseOutcome.Failed);

    public int Errors => Count(CaseOutcome.Error);

    public int Skipped => Count(CaseOutcome.Skipped);

    /// <summary>Skipped cases whose check applies but could not run (no id, no credentials).</summary>
    public int NotRun => Cases.Count(c => c.Outcome == CaseOutcome.Skipped && c.CouldNotRun);

    /// <summary>Cases whose check applies to the operation: the executed ones and those that could not run.</summary>
    public int Applicable => Executed + NotRun;

    /// <summary>Whether more than a tenth of the applicable cases could not run: the run tested too little to pass.</summary>
    public bool TooManyNotRun => NotRun * 10 > Applicable;

    /// <summary>Set from <see cref="ConformanceOptions.AllowSkips"/>: too many cases that could not run do not fail the run.</summary>
    public bool AllowSkips { get; init; }

    /// <summary>0 when nothing failed (and enough ran, unless skips are allowed), 1 otherwise (the CLI's exit code).</summary>
    public int ExitCode => Failed + Errors == 0 && (AllowSkips || !TooManyNotRun) ? 0 : 1;

    /// <summary>Counts per check, in catalogue order.</summary>
    public IReadOnlyList<CaseTally> ByCheck =>
        Checks.Where(c => Cases.Any(r => r.CheckId == c.Id))
            .Select(c => Tally(c.Id, c.Description, Cases.Where(r => r.CheckId == c.Id)))
            .ToList();

    /// <summary>Counts per tag of the document (operations without tags count as "untagged").</summary>
    public IReadOnlyList<CaseTally> ByTag =>
        Cases.SelectMany(c => (c.Tags.Count == 0 ? ["untagged"] : c.Tags).Select(t => (Tag: t, Case: c)))
            .GroupBy(p => p.Tag, StringComparer.Ordinal)
            .Select(g => Tally(g.Key, string.Empty, g.Select(p => p.Case)))
            .ToList();

    private int Count(CaseOutcome outcome) => Cases.Count(c => c.Outcome == outcome);

    private static CaseTally Tally(string name, string description, IEnumerable<CaseResult> cases)
    {
        var list = cases.ToList();
        return new CaseTally(
            name,
            description,
            list.Count(c => c.Outcome == CaseOutcome.Passed),
            list.Count(c => c.Outcome == CaseOutcome.Failed),
            list.Count(c => c.Outcome == CaseOutcome.Error),
            list.Count(c => c.Outcome == CaseOutcome.Skipped));
    }
}

/// <summary>Where a run is: reported after every case.</summary>
public sealed record ConformanceProgress(int Completed, int Total, CaseResult? Last);

/// <summary>
/// The run could not start: bad options (usage), a document that does not load, or a target or
/// token endpoint that cannot be reached. <c>Message</c> is one line; the CLI exits with 2.
/// </summary>
public sealed class ConformanceSetupException : Exception
{
    public ConformanceSetupException(string message)
        : base(OneLine(message))
    {
    }

    public ConformanceSetupException(string message, Exception inner)
        : base(OneLine(message), inner)
    {
    }

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
