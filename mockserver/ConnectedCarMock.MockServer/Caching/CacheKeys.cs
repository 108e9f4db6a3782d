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
internal readonly record struct AnswerKey(ResourceKey Resource, string Filter, string LinkBase);
