using System.Globalization;
using Spectre.Console;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary>
/// The console report: a live progress bar on a terminal (milestone lines when the output is
/// redirected, as in CI logs), then a table per check, every failure, and one closing line.
/// </summary>
internal sealed class ConsoleReporter
{
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly IAnsiConsole _console;

    public ConsoleReporter(TextWriter output)
    {
        _output = output;
        _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = _interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = _interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = _interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!_interactive)
        {
            _console.Profile.Width = 140;
        }
    }

    public async Task<ConformanceReport> RunAsync(Func<IProgress<ConformanceProgress>, Task<ConformanceReport>> run)
    {
        if (!_interactive)
        {
            return await run(new Milestones(_output));
        }

        ConformanceReport? report = null;
        await _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("connecting", maxValue: 1);
                report = await run(new Immediate(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Completed;
                    task.Description = Markup.Escape(p.Last is { } last ? Short(last.Name) : "checking");
                }));
            });
        return report!;
    }

    public void Summary(ConformanceReport report, bool verbose)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{report.SpecTitle} {report.SpecVersion} at {report.Target}");
        table.AddColumn("check");
        foreach (var column in new[] { "passed", "failed", "errors", "skipped" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var tally in report.ByCheck)
        {
            table.AddRow(new Text(tally.Name), Count(tally.Passed, Color.Green), Count(tally.Failed, Color.Red), Count(tally.Errors, Color.Orange1), Count(tally.Skipped, Color.Grey));
        }

        table.AddRow(new Text("total"), Count(report.Passed, Color.Green), Count(report.Failed, Color.Red), Count(report.Errors, Color.Orange1), Count(report.Skipped, Color.Grey));
        _console.Write(table);

        foreach (var result in report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error))
        {
            _output.WriteLine($"{(result.Outcome == CaseOutcome.Failed ? "FAILED" : "ERROR ")} {result.Name}: {result.Message}");
            if (result.Exchanges.FirstOrDefault() is { } exchange)
            {
                _output.WriteLine($"       {exchange}");
            }
        }

        if (verbose)
        {
            foreach (var result in report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped))
            {
                _output.WriteLine($"SKIPPED {result.Name}: {result.Message}");
            }
        }
        else if (report.Skipped > 0)
        {
            _output.WriteLine($"{report.Skipped} cases skipped where a check does not apply; --verbose or the reports give each reason.");
        }

        _output.WriteLine($"{report.Total} cases, {report.Executed} executed: {report.Passed} passed, {report.Failed} failed, {report.Errors} errors, {report.Skipped} skipped in {RunCommand.Seconds(report.Duration)} s");
    }

    private static Text Count(int value, Color color) =>
        new(value.ToString(CultureInfo.InvariantCulture), value == 0 ? Style.Plain : new Style(color));

    private static string Short(string name) => name.Length <= 60 ? name : name[..57] + "...";

    /// <summary>Reports on the caller's thread: Progress&lt;T&gt; would post to the thread pool and reorder.</summary>
    private sealed class Immediate(Action<ConformanceProgress> report) : IProgress<ConformanceProgress>
    {
        private readonly Lock _lock = new();

        public void Report(ConformanceProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }

    /// <summary>For logs: one line at the start and at each quarter.</summary>
    private sealed class Milestones(TextWriter output) : IProgress<ConformanceProgress>
    {
        private readonly Lock _lock = new();
        private int _quarter = -1;

        public void Report(ConformanceProgress value)
        {
            lock (_lock)
            {
                var quarter = value.Total == 0 ? 4 : value.Completed * 4 / value.Total;
                if (quarter > _quarter)
                {
                    _quarter = quarter;
                    output.WriteLine(value.Completed == 0 ? $"checking {value.Total} cases..." : $"{value.Completed}/{value.Total} cases ({quarter * 25}%)");
                }
            }
        }
    }
}
