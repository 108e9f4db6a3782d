using System.CommandLine;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary>
/// The <c>connectedcar-conformance</c> command line. Exit codes: 0 every case passed, 1 some case
/// failed, 2 usage, document or connection error (one line on stderr).
/// </summary>
public static class ConformanceCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>
    /// Every command, in the order help lists them. A new command (e.g. <c>pact check-spec</c>,
    /// <c>pact verify</c>) is one more factory here, in a file of its own under <c>Cli/</c>.
    /// </summary>
    internal static IReadOnlyList<Func<TextWriter, TextWriter, Command>> Commands { get; } =
    [
        RunCommand.Create,
        ChecksCommand.Create,
        PactCommand.Create,
        WebhookCommand.Create,
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ConnectedCarMock conformance runner: checks an implementation of the Connected Car V2 API against its OpenAPI document.");
        foreach (var create in Commands)
        {
            root.Subcommands.Add(create(output, error));
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"connectedcar-conformance: {parseError.Message}");
            }

            return UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
