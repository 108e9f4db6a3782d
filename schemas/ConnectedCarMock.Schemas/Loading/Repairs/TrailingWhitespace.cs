namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Trailing spaces and whitespace-only lines after <c>description: |</c> break YAML scanners
/// (515 such lines in the published document): every line loses its trailing whitespace.
/// </summary>
internal sealed class TrailingWhitespace : LineRepair
{
    public override string Code => "trailing-whitespace";

    public override string Summary => "removes trailing whitespace (and carriage returns) from every line";

    // A carriage return alone (CRLF files) is dropped too, but is not worth a warning.
    protected override (string Line, bool Changed) Repair(string line)
    {
        var trimmed = line.TrimEnd(' ', '\t', '\r', '\f', '\v');
        return (trimmed, trimmed.Length != line.TrimEnd('\r').Length);
    }

    protected override string Message(int lines) => $"removed trailing whitespace on {lines} line(s)";
}
