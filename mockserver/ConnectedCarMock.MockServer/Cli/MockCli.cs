using System.CommandLine;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary>The <c>connectedcar-mock</c> command line. Exit codes: 0 success, 1 failure, 2 usage or input error.</summary>
internal static class MockCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = Parse(args, output, error);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"connectedcar-mock: {parseError.Message}");
            }

            return UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The command line parsed, without running it (the tests check the arguments of deploy/ files with it).</summary>
    internal static ParseResult Parse(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ConnectedCarMock: a spec-driven mock of the Stellantis Connected Car V2 API.");
        ServeCommand.Configure(root, output, error);
        root.Subcommands.Add(ServeCommand.Create(output, error));
        root.Subcommands.Add(SpecCommand.Create(output, error));
        root.Subcommands.Add(GenerateCommand.Create(output, error));
        root.Subcommands.Add(TokenCommand.Create(output, error));
        foreach (var argument in root.Subcommands.Prepend(root).SelectMany(c => c.Arguments))
        {
            argument.RejectUnknownOptions();
        }

        return root.Parse(args);
    }
}
