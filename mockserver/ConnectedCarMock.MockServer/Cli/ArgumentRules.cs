using System.CommandLine;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary>Rules System.CommandLine leaves to the application.</summary>
internal static class ArgumentRules
{
    /// <summary>
    /// An unknown option (<c>spec --bogus</c>) is reported as one: System.CommandLine would otherwise
    /// take it as the argument's value and the user would read "file not found".
    /// </summary>
    public static void RejectUnknownOptions(this Argument argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
            {
                result.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        });
    }
}
