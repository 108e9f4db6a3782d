namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>YAML forbids tabs in indentation; editors that wrote them meant a tab stop of 2.</summary>
internal sealed class TabIndentation : TextRepair
{
    public override string Code => "tab-indentation";

    public override string Summary => "replaces each tab in a line's indentation by two spaces";

    public override string Apply(string text, RepairContext context)
    {
        var lines = text.Split('\n');
        var count = 0;
        var first = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = 0;
            while (indent < line.Length && line[indent] is ' ' or '\t')
            {
                indent++;
            }

            if (line.AsSpan(0, indent).Contains('\t'))
            {
                lines[i] = line[..indent].Replace("\t", "  ", StringComparison.Ordinal) + line[indent..];
                count++;
                first = first == 0 ? i + 1 : first;
            }
        }

        if (count > 0)
        {
            context.Report(Code, $"line {first}", $"replaced tab indentation on {count} line(s)");
        }

        return count > 0 ? string.Join('\n', lines) : text;
    }
}
