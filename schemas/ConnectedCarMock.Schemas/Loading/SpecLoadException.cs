namespace ConnectedCarMock.Schemas;

/// <summary>
/// A document that cannot be loaded. <c>Message</c> is one line naming the file,
/// the location (line or JSON pointer) and the reason, fit for a terminal.
/// </summary>
public sealed class SpecLoadException : Exception
{
    public SpecLoadException(string file, string location, string reason)
        : base(Format(file, location, reason))
    {
        File = file;
        Location = location;
        Reason = reason;
    }

    public string File { get; }

    public string Location { get; }

    public string Reason { get; }

    private static string Format(string file, string location, string reason)
    {
        var where = string.IsNullOrEmpty(location) ? file : $"{file}:{location}";
        return $"{where}: {OneLine(reason)}";
    }

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
