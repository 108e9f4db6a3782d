namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>YAML forbids tabs in indentation; editors that wrote them meant a tab stop of 2.</summary>
internal sealed class TabIndentation : LineRepair
{
    public override string Code => "tab-indentation";

    public override string Summary => "replaces each tab in a line's indentation by two spaces";

    protected override (string Line, bool Changed) Repair(string line)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] is ' ' or '\t')
        {
            indent++;
        }

        return line.AsSpan(0, indent).Contains('\t')
            ? (line[..indent].Replace("\t", "  ", StringComparison.Ordinal) + line[indent..], true)
            : (line, false);
    }

    protected override string Message(int lines) => $"replaced tab indentation on {lines} line(s)";
}
