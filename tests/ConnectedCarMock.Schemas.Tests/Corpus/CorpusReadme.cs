namespace ConnectedCarMock.Schemas.Tests.Corpus;

/// <summary>
/// The corpus README's own table, read as an oracle independent of our loader: the operations and
/// schemas it counted for each document with other tools.
/// </summary>
internal static class CorpusReadme
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Version, int Operations, int Schemas)>> Rows = new(Read);

    public static IReadOnlyDictionary<string, (string Version, int Operations, int Schemas)> Counts => Rows.Value;

    private static Dictionary<string, (string, int, int)> Read()
    {
        var path = Path.Combine(CorpusDocuments.Folder, "..", "README.md");
        var rows = new Dictionary<string, (string, int, int)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return rows;
        }

        // | `openapi/<file>` | source | commit | version | ops | schemas | ...
        foreach (var line in File.ReadLines(path).Where(l => l.StartsWith("| `openapi/", StringComparison.Ordinal)))
        {
            var columns = line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
            rows[columns[0].Trim('`')["openapi/".Length..]] = (columns[3], int.Parse(columns[4]), int.Parse(columns[5]));
        }

        return rows;
    }
}
