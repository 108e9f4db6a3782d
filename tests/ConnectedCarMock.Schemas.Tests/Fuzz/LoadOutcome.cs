namespace ConnectedCarMock.Schemas.Tests.Fuzz;

/// <summary>What <c>connectedcar-mock spec FILE</c> makes of a document, decided in-process.</summary>
/// <param name="ExitCode">0 when it loads, 2 when it is refused with one line.</param>
/// <param name="Line">The line printed for a refused document.</param>
/// <param name="Violation">Why the outcome breaks the rule (a stack trace, a message without location...), or null.</param>
internal sealed record LoadOutcome(int ExitCode, string? Line, string? Violation)
{
    /// <summary>Loads the bytes as the CLI does and checks the one-line error rule.</summary>
    public static LoadOutcome Of(byte[] bytes, string name) => Of(() => SpecLoader.Load(bytes, name), name);

    /// <summary>Loads a file as <c>connectedcar-mock spec FILE</c> does.</summary>
    public static LoadOutcome OfFile(string path) => Of(() => SpecLoader.LoadFile(path), path);

    private static LoadOutcome Of(Func<ApiDocument> load, string name)
    {
        try
        {
            load();
            return new LoadOutcome(0, null, null);
        }
        catch (SpecLoadException ex)
        {
            // The spec command prints exactly ex.Message on stderr and exits 2.
            return new LoadOutcome(2, ex.Message, Check(ex, name));
        }
        catch (Exception ex)
        {
            return new LoadOutcome(-1, null, $"escaped as {ex.GetType().Name} (a stack trace in the CLI): {ex.Message}");
        }
    }

    /// <summary>Whether the reason is the loader's last-resort wrapping of an exception nobody foresaw.</summary>
    public bool IsUnforeseen => Line?.Contains(": unexpected ", StringComparison.Ordinal) == true;

    private static string? Check(SpecLoadException ex, string name)
    {
        if (ex.Message.Contains('\n', StringComparison.Ordinal) || ex.Message.Contains('\r', StringComparison.Ordinal))
        {
            return "the message has more than one line: " + ex.Message;
        }

        if (ex.File != name || string.IsNullOrWhiteSpace(ex.Location) || string.IsNullOrWhiteSpace(ex.Reason))
        {
            return $"the message lacks the file, the location or the reason: '{ex.Message}'";
        }

        return ex.Message == $"{name}:{ex.Location}: {SpecLoadException.OneLine(ex.Reason)}" ? null : "the message is not 'file:location: reason': " + ex.Message;
    }
}
