namespace ConnectedCarMock.Schemas;

public enum SecuritySchemeKind
{
    OAuth2,
    ApiKey,
    Http,
    OpenIdConnect,
    MutualTls,
}

/// <summary>A security scheme from <c>components.securitySchemes</c>.</summary>
/// <param name="Name">Key in the document (e.g. <c>api_oauth</c>).</param>
/// <param name="ParameterName">For API keys, the parameter carrying the key (e.g. <c>client_id</c>).</param>
/// <param name="In">For API keys, where the key goes.</param>
/// <param name="Scopes">For OAuth2, the scopes the document declares, with their descriptions.</param>
public sealed record SecurityScheme(
    string Name,
    SecuritySchemeKind Kind,
    string? ParameterName,
    ParameterLocation? In,
    string? HttpScheme,
    IReadOnlyDictionary<string, string> Scopes);

/// <summary>One alternative of a security requirement: every scheme listed must be satisfied.</summary>
public sealed record SecurityRequirement(IReadOnlyDictionary<string, IReadOnlyList<string>> Schemes)
{
    public bool IsAnonymous => Schemes.Count == 0;
}
