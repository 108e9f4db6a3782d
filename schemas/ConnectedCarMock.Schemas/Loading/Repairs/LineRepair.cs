namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>A text repair done line by line, reported once with the number of lines changed and the first of them.</summary>
internal abstract class LineRepair : TextRepair
{
    public override string Apply(string text, RepairContext context)
    {
        var lines = text.Split('\n');
        var count = 0;
        var first = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var (line, changed) = Repair(lines[i]);
            lines[i] = line;
            if (changed)
            {
                count++;
                first = first == 0 ? i + 1 : first;
            }
        }

        if (count > 0)
        {
            context.Report(Code, $"line {first}", Message(count));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The line repaired, and whether that is a repair to report.</summary>
    protected abstract (string Line, bool Changed) Repair(string line);

    protected abstract string Message(int lines);
}
