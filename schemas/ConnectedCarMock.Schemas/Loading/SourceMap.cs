namespace ConnectedCarMock.Schemas.Loading;

/// <summary>Where each node of a parsed document came from, so errors can name a line.</summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>JSON pointers of scope scalars followed by an inline <c>#Required</c> comment.</summary>
    public HashSet<string> RequiredMarks { get; } = new(StringComparer.Ordinal);

    public void Record(string pointer, int line) => _lines.TryAdd(pointer, line);

    /// <summary>"line N" for the pointer or its nearest ancestor with a known line; else the pointer itself.</summary>
    public string Describe(string pointer)
    {
        for (var p = pointer; ; p = Parent(p))
        {
            if (p.Length == 0 && pointer.Length > 0)
            {
                return pointer; // only the root has a line: the pointer says more than "line 1"
            }

            if (_lines.TryGetValue(p, out var line))
            {
                return p.Length == 0 ? $"line {line}" : $"line {line} ({pointer})";
            }

            if (p.Length == 0)
            {
                return pointer.Length == 0 ? "/" : pointer;
            }
        }
    }

    private static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? string.Empty : pointer[..slash];
    }
}
