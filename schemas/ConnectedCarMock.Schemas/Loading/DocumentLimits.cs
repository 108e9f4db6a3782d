namespace ConnectedCarMock.Schemas.Loading;

/// <summary>Bounds that keep a hostile or broken document from exhausting the stack or the memory.</summary>
internal static class DocumentLimits
{
    /// <summary>Nesting of mappings and sequences; real documents stay far below (the corpus and the published documents: 19 at most).</summary>
    public const int MaxDepth = 128;

    /// <summary>Nodes after YAML aliases are expanded; the largest corpus document has under 10,000.</summary>
    public const long MaxNodes = 5_000_000;
}
