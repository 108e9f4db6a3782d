namespace ConnectedCarMock.Schemas;

internal enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}

/// <summary>An operation parameter, with OpenAPI's serialization style resolved to its default.</summary>
internal sealed record Parameter(
    string Name,
    ParameterLocation In,
    bool Required,
    Schema? Schema,
    string Style,
    bool Explode,
    string? Description);
