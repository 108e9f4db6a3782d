namespace ConnectedCarMock.MockServer.Caching;

/// <summary>
/// What a rendered body depends on: its schema (items) or operation (lists), the resource path, the list
/// query, the version of what clients changed (0 when nothing changed this resource) and the scenario.
/// </summary>
internal readonly record struct ResourceKey(bool IsList, string Source, string Path, string Query, long Version, string? Scenario)
{
    public static ResourceKey Item(string schemaPointer, string path, long version, string? scenario) => new(false, schemaPointer, path, string.Empty, version, scenario);

    public static ResourceKey List(string operationId, string path, string query, long version, string? scenario) => new(true, operationId, path, query, version, scenario);
}

/// <summary>An answer as bytes: its resource, the part of the granted scopes that shapes it, and the links' base URL.</summary>
internal readonly record struct AnswerKey(ResourceKey Resource, string Filter, string LinkBase)
{
    /// <summary>
    /// Looked up on every request: hashes the resource path, the version and the lengths of the rest
    /// (a scope signature can be hundreds of characters); equality still compares every part.
    /// </summary>
    public static IEqualityComparer<AnswerKey> Comparer { get; } = new CheapHash();

    private sealed class CheapHash : IEqualityComparer<AnswerKey>
    {
        public bool Equals(AnswerKey x, AnswerKey y) => x == y;

        public int GetHashCode(AnswerKey key) => HashCode.Combine(
            string.GetHashCode(key.Resource.Path, StringComparison.Ordinal),
            key.Resource.Query.Length == 0 ? 0 : string.GetHashCode(key.Resource.Query, StringComparison.Ordinal),
            key.Resource.Version,
            key.Resource.Source.Length,
            key.Filter.Length,
            key.LinkBase.Length,
            key.Resource.Scenario?.Length ?? -1);
    }
}
