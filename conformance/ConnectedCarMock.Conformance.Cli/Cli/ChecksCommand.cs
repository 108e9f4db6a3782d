using System.CommandLine;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary><c>connectedcar-conformance checks</c>: every check with its id and what it asserts.</summary>
internal static class ChecksCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("checks", "List every check: its id (for --check and --skip-check) and what it asserts.");
        command.SetAction(_ =>
        {
            var width = CheckCatalog.All.Max(c => c.Id.Length);
            foreach (var check in CheckCatalog.All)
            {
                output.WriteLine($"{check.Id.PadRight(width)}  {check.Description}");
            }

            return ConformanceCli.Success;
        });
        return command;
    }
}
