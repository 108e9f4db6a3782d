using System.Text;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>Credentials other than a bearer token that a request carries: headers, query pairs and cookies.</summary>
internal sealed record StaticCredentials(IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<KeyValuePair<string, string>> Query, IReadOnlyList<KeyValuePair<string, string>> Cookies)
{
    public static StaticCredentials None { get; } = new([], [], []);
}

/// <summary>
/// How the runner calls one operation, as its document secures it: public; or the first requirement object the
/// runner can satisfy, preferring a bearer token (OAuth2, OpenID Connect, HTTP Bearer) over HTTP Basic over API
/// keys, with every scheme of that object. Whether a token is needed, and whether the API's scope rules apply
/// to it (an OAuth2 or OpenID Connect scheme in a document that declares scopes), follow from it.
/// </summary>
internal sealed class AccessPlan
{
    /// <summary>A placeholder standing for "credentials that are not a token": the request carries <see cref="Credentials"/> instead.</summary>
    public const string NoToken = "\u0000no-token";

    /// <summary>Given only a token URL, these are sent where the document asks for Basic or API keys (the mock accepts any by default).</summary>
    public const string PlaceholderBasic = "conformance:conformance";
    public const string PlaceholderKey = "conformance-key";

    private AccessPlan(bool isPublic, IReadOnlyList<SecurityScheme> schemes, StaticCredentials credentials, string? missing, bool scopeRules, bool tokenAloneSuffices, bool anyAuthorization = false)
    {
        AnyAuthorization = anyAuthorization;
        IsPublic = isPublic;
        Schemes = schemes;
        Credentials = credentials;
        Missing = missing;
        ScopeRules = scopeRules;
        TokenAloneSuffices = tokenAloneSuffices;
    }

    public bool IsPublic { get; }

    /// <summary>The schemes of the requirement object the runner uses.</summary>
    public IReadOnlyList<SecurityScheme> Schemes { get; }

    public StaticCredentials Credentials { get; }

    /// <summary>Why the runner cannot call the operation with credentials (none given for its schemes); null when it can.</summary>
    public string? Missing { get; }

    /// <summary>Whether the request carries a bearer token.</summary>
    public bool UsesToken => Schemes.Any(IsBearer);

    /// <summary>Whether the API's scope rules apply: an OAuth2 or OpenID Connect scheme in a document that declares scopes.</summary>
    public bool ScopeRules { get; }

    /// <summary>Whether some requirement is met by any valid bearer token, whatever its scopes (HTTP Bearer alone).</summary>
    public bool TokenAloneSuffices { get; }

    /// <summary>
    /// Whether some requirement takes an API key in the <c>Authorization</c> header: then any value of that header,
    /// a forged or scope-less token included, is a valid credential, and no check of tokens can expect a refusal.
    /// </summary>
    public bool AnyAuthorization { get; }

    /// <summary>What the operation accepts, for messages: <c>HTTP Basic</c>, <c>API key 'client_id' (query)</c>...</summary>
    public string Describe() => Schemes.Count == 0 ? "no credentials" : string.Join(" + ", Schemes.Select(Describe));

    public static AccessPlan For(ApiDocument document, Operation operation, ConformanceOptions options)
    {
        // An empty requirement, or one of HTTP "none" schemes only (open data), asks for nothing.
        if (operation.Security.Count == 0 || operation.Security.Any(r => r.IsAnonymous
            || r.Schemes.Keys.All(k => document.SecuritySchemes.GetValueOrDefault(k)?.IsHttp("none") == true)))
        {
            return new AccessPlan(true, [], StaticCredentials.None, null, false, false);
        }

        var hasTokens = options.TokenUrl is not null || options.TokensFile is not null || options.Tokens is not null;
        var requirements = operation.Security
            .Select(r => r.Schemes.Keys.Select(k => document.SecuritySchemes.GetValueOrDefault(k)).OfType<SecurityScheme>().ToList())
            .Where(s => s.Count > 0)
            .OrderBy(s => s.Any(IsBearer) ? 0 : s.Any(x => x.IsHttp("basic")) ? 1 : 2)
            .ToList();
        var tokenAlone = requirements.Any(r => r.All(s => s.IsHttp("bearer")));
        var anyAuthorization = requirements.Any(r => r.All(s => s.Kind == SecuritySchemeKind.ApiKey && s.In == ParameterLocation.Header
            && string.Equals(s.ParameterName, "Authorization", StringComparison.OrdinalIgnoreCase)));
        string? missing = null;
        foreach (var schemes in requirements)
        {
            var credentials = Build(schemes, options, hasTokens, out var lacking);
            if (lacking is null)
            {
                var scopeRules = document.AllScopes.Count > 0 && schemes.Any(s => s.Kind is SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect);
                return new AccessPlan(false, schemes, credentials, null, scopeRules, tokenAlone, anyAuthorization);
            }

            missing ??= lacking;
        }

        return new AccessPlan(false, requirements.FirstOrDefault() ?? [], StaticCredentials.None, missing ?? "the document names no security scheme it declares", false, tokenAlone, anyAuthorization);
    }

    public static bool IsBearer(SecurityScheme scheme) =>
        scheme.Kind is SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect || scheme.IsHttp("bearer");

    private static StaticCredentials Build(List<SecurityScheme> schemes, ConformanceOptions options, bool hasTokens, out string? lacking)
    {
        lacking = null;
        var headers = new List<KeyValuePair<string, string>>();
        var query = new List<KeyValuePair<string, string>>();
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var scheme in schemes)
        {
            if (IsBearer(scheme))
            {
                lacking ??= hasTokens ? null : $"{Describe(scheme)} needs a token: give --token-url or --tokens";
            }
            else if (scheme.IsHttp("basic"))
            {
                var basic = options.BasicCredentials ?? (options.TokenUrl is not null ? PlaceholderBasic : null);
                if (basic is null)
                {
                    lacking ??= "HTTP Basic needs credentials: give --basic USER:PASSWORD";
                    continue;
                }

                headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic))));
            }
            else if (scheme.Kind == SecuritySchemeKind.ApiKey && scheme.ParameterName is { } name)
            {
                var key = options.ApiKeys.GetValueOrDefault(scheme.Name) ?? options.ApiKeys.GetValueOrDefault(name) ?? options.ApiKeys.GetValueOrDefault("*")
                    ?? (options.TokenUrl is not null ? PlaceholderKey : null);
                if (key is null)
                {
                    lacking ??= $"{Describe(scheme)} needs a key: give --api-key {name}=KEY";
                    continue;
                }

                (scheme.In == ParameterLocation.Header ? headers : scheme.In == ParameterLocation.Cookie ? cookies : query).Add(new(name, key));
            }
            else if (scheme.Kind == SecuritySchemeKind.Http && !scheme.IsHttp("none"))
            {
                lacking ??= $"HTTP {scheme.HttpScheme} credentials are not something the runner can make";
            }
        }

        return new StaticCredentials(headers, query, cookies);
    }

    private static string Describe(SecurityScheme scheme) => scheme.Kind switch
    {
        SecuritySchemeKind.ApiKey => $"API key '{scheme.ParameterName}' ({(scheme.In ?? ParameterLocation.Query).ToString().ToLowerInvariant()})",
        SecuritySchemeKind.Http => $"HTTP {scheme.HttpScheme}",
        SecuritySchemeKind.OAuth2 => "OAuth2",
        SecuritySchemeKind.OpenIdConnect => "OpenID Connect",
        _ => scheme.Kind.ToString(),
    };
}
