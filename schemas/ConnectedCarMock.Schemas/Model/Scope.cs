namespace ConnectedCarMock.Schemas;

/// <summary>
/// An OAuth2 scope of the Connected Car API: hierarchical resource segments separated by
/// <c>:</c>, optionally followed by the access qualifier <c>write</c>.
/// </summary>
internal readonly record struct Scope
{
    private const string WriteQualifier = "write";

    private Scope(string name, string[] resource, bool write)
    {
        Name = name;
        Resource = resource;
        IsWrite = write;
    }

    public string Name { get; }

    /// <summary>The resource segments, without the <c>write</c> qualifier.</summary>
    public IReadOnlyList<string> Resource { get; }

    public bool IsWrite { get; }

    public static Scope Parse(string name)
    {
        var segments = name.Split(':');
        var write = segments.Length > 1 && segments[^1] == WriteQualifier;
        return new Scope(name, write ? segments[..^1] : segments, write);
    }

    /// <summary>
    /// Whether a token holding this scope may use <paramref name="required"/>: the resource
    /// segments must be a prefix of the required ones, and the access must be the same
    /// (<c>write</c> neither implies nor is implied by read). Comparison is exact and case-sensitive.
    /// </summary>
    public bool Covers(Scope required)
    {
        if (IsWrite != required.IsWrite || Resource.Count > required.Resource.Count)
        {
            return false;
        }

        for (var i = 0; i < Resource.Count; i++)
        {
            if (!string.Equals(Resource[i], required.Resource[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether one of two scopes covers the other: they speak of the same part of a resource.</summary>
    public static bool Related(string a, string b) => Parse(a).Covers(Parse(b)) || Parse(b).Covers(Parse(a));

    public override string ToString() => Name;
}
