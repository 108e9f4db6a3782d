namespace ConnectedCarMock.Schemas;

internal enum SecuritySchemeKind
{
    OAuth2,
    ApiKey,
    Http,
    OpenIdConnect,
    MutualTls,
}

/// <summary>A security scheme from <c>components.securitySchemes</c> (Swagger 2.0 <c>securityDefinitions</c> read as such).</summary>
/// <param name="Name">Key in the document (e.g. <c>api_oauth</c>).</param>
/// <param name="ParameterName">For API keys, the parameter carrying the key (e.g. <c>client_id</c>).</param>
/// <param name="In">For API keys, where the key goes: header, query or cookie.</param>
/// <param name="HttpScheme">For HTTP schemes, the authentication scheme as written (<c>basic</c>, <c>bearer</c>...).</param>
/// <param name="Scopes">For OAuth2, the scopes the document declares over all flows, with their descriptions.</param>
internal sealed record SecurityScheme(
    string Name,
    SecuritySchemeKind Kind,
    string? ParameterName,
    ParameterLocation? In,
    string? HttpScheme,
    IReadOnlyDictionary<string, string> Scopes)
{
    /// <summary>For HTTP bearer schemes, the token format hint (e.g. <c>JWT</c>); null when not given.</summary>
    public string? BearerFormat { get; init; }

    /// <summary>For OAuth2, the flows in the order the document lists them.</summary>
    public IReadOnlyList<OAuthFlow> Flows { get; init; } = [];

    /// <summary>For OpenID Connect, the discovery document's URL.</summary>
    public string? OpenIdConnectUrl { get; init; }

    /// <summary>Whether this is an HTTP scheme with the given authentication scheme (compared without case, as HTTP does).</summary>
    public bool IsHttp(string scheme) => Kind == SecuritySchemeKind.Http && string.Equals(HttpScheme, scheme, StringComparison.OrdinalIgnoreCase);
}

internal enum OAuthFlowKind
{
    Implicit,
    Password,
    ClientCredentials,
    AuthorizationCode,
    DeviceAuthorization,
}

/// <summary>One OAuth2 flow of a scheme: its endpoints and the scopes it declares.</summary>
internal sealed record OAuthFlow(
    OAuthFlowKind Kind,
    string? AuthorizationUrl,
    string? TokenUrl,
    string? RefreshUrl,
    IReadOnlyDictionary<string, string> Scopes);

/// <summary>One alternative of a security requirement: every scheme listed must be satisfied.</summary>
internal sealed record SecurityRequirement(IReadOnlyDictionary<string, IReadOnlyList<string>> Schemes)
{
    public bool IsAnonymous => Schemes.Count == 0;
}
