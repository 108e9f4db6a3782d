namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Trailing spaces and whitespace-only lines after <c>description: |</c> break YAML scanners
/// (515 such lines in the published document): every line loses its trailing whitespace.
/// </summary>
internal sealed class TrailingWhitespace : TextRepair
{
    public override string Code => "trailing-whitespace";

    public override string Summary => "removes trailing whitespace (and carriage returns) from every line";

    public override string Apply(string text, RepairContext context)
    {
        var lines = text.Split('\n');
        var count = 0;
        var first = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimEnd(' ', '\t', '\r', '\f', '\v');
            if (trimmed.Length != line.TrimEnd('\r').Length)
            {
                count++;
                first = first == 0 ? i + 1 : first;
            }

            lines[i] = trimmed;
        }

        if (count > 0)
        {
            context.Report(Code, $"line {first}", $"removed trailing whitespace on {count} line(s)");
        }

        return string.Join('\n', lines);
    }
}
