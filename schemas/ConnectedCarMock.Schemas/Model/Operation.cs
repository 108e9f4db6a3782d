namespace ConnectedCarMock.Schemas;

/// <summary>An operation of the document: one method on one path template.</summary>
internal sealed record Operation
{
    public required string Id { get; init; }

    /// <summary>Upper-case HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Path template relative to the base path, e.g. <c>/accounts/vehicles/{id}</c>.</summary>
    public required string Path { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    public RequestBody? RequestBody { get; init; }

    public IReadOnlyList<Response> Responses { get; init; } = [];

    /// <summary>Alternatives: satisfying any one of them is enough. Empty means no security.</summary>
    public IReadOnlyList<SecurityRequirement> Security { get; init; } = [];

    /// <summary>Scopes a token must cover to call the operation.</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>Scopes that only shape the response body.</summary>
    public IReadOnlyList<string> OptionalScopes { get; init; } = [];

    /// <summary>Every OAuth2 scope the operation mentions, required first.</summary>
    public IEnumerable<string> Scopes => RequiredScopes.Concat(OptionalScopes);

    public IEnumerable<Parameter> PathParameters => Parameters.Where(p => p.In == ParameterLocation.Path);

    /// <summary>The documented 2xx responses, lowest status first.</summary>
    public IEnumerable<Response> SuccessResponses => Responses.Where(r => r.IsSuccess).OrderBy(r => r.Status, StringComparer.Ordinal);

    /// <summary>The response entry that describes a status: the exact code first, then a range, then default.</summary>
    public Response? ResponseFor(int status) =>
        Responses.FirstOrDefault(r => r.Code == status)
        ?? Responses.FirstOrDefault(r => r.Code is null && r.Status != "default" && r.Describes(status))
        ?? Responses.FirstOrDefault(r => r.Status == "default");

    public override string ToString() => $"{Method} {Path} ({Id})";
}
