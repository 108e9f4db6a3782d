using System.Text.Json;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>Security schemes, requirements and the scopes each operation needs.</summary>
internal sealed partial class ModelBuilder
{
    private static readonly Dictionary<string, OAuthFlowKind> FlowNames = new(StringComparer.Ordinal)
    {
        ["implicit"] = OAuthFlowKind.Implicit,
        ["password"] = OAuthFlowKind.Password,
        ["clientCredentials"] = OAuthFlowKind.ClientCredentials,
        ["authorizationCode"] = OAuthFlowKind.AuthorizationCode,
        ["deviceAuthorization"] = OAuthFlowKind.DeviceAuthorization,
    };

    private Dictionary<string, SecurityScheme> SecuritySchemes()
    {
        var result = new Dictionary<string, SecurityScheme>(StringComparer.Ordinal);
        if (!Has(_root, "components", out var components) || !Has(components, "securitySchemes", out var schemes))
        {
            return result;
        }

        foreach (var entry in Members(schemes))
        {
            var (scheme, _) = Deref(entry.Value, "/components/securitySchemes/" + Pointers.Escape(entry.Name));
            var kind = Text(scheme, "type") switch
            {
                "oauth2" => SecuritySchemeKind.OAuth2,
                "apiKey" => SecuritySchemeKind.ApiKey,
                "openIdConnect" => SecuritySchemeKind.OpenIdConnect,
                "mutualTLS" => SecuritySchemeKind.MutualTls,
                _ => SecuritySchemeKind.Http,
            };
            var flows = kind == SecuritySchemeKind.OAuth2 ? Flows(scheme) : [];
            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, description) in flows.SelectMany(f => f.Scopes))
            {
                scopes.TryAdd(name, description); // first flow that declares a scope describes it
            }

            result[entry.Name] = new SecurityScheme(
                entry.Name,
                kind,
                kind == SecuritySchemeKind.ApiKey ? Text(scheme, "name") : null,
                kind == SecuritySchemeKind.ApiKey ? Location(Text(scheme, "in")) : null,
                kind == SecuritySchemeKind.Http ? Text(scheme, "scheme") : null,
                scopes)
            {
                BearerFormat = kind == SecuritySchemeKind.Http ? Text(scheme, "bearerFormat") : null,
                Flows = flows,
                OpenIdConnectUrl = kind == SecuritySchemeKind.OpenIdConnect ? Text(scheme, "openIdConnectUrl") : null,
            };
        }

        return result;
    }

    private static List<OAuthFlow> Flows(JsonElement scheme)
    {
        var result = new List<OAuthFlow>();
        if (!Has(scheme, "flows", out var flows) || flows.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var (name, flow) in Members(flows).Select(f => (f.Name, f.Value)))
        {
            if (!FlowNames.TryGetValue(name, out var kind) || flow.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Has(flow, "scopes", out var declared) && declared.ValueKind == JsonValueKind.Object)
            {
                foreach (var scope in Members(declared))
                {
                    // Scope keys written as "name : text" in YAML keep a trailing space; the scope is the name.
                    scopes.TryAdd(scope.Name.Trim(), scope.Value.ValueKind == JsonValueKind.String ? scope.Value.GetString()! : string.Empty);
                }
            }

            result.Add(new OAuthFlow(kind, Text(flow, "authorizationUrl"), Text(flow, "tokenUrl"), Text(flow, "refreshUrl"), scopes));
        }

        return result;
    }

    private (IReadOnlyList<string> Required, IReadOnlyList<string> Optional) Scopes(JsonElement op, IReadOnlyList<SecurityRequirement> security)
    {
        if (Has(op, "x-scopes", out var annotated) && annotated.ValueKind == JsonValueKind.Object)
        {
            return (Strings(annotated, "required"), Strings(annotated, "optional"));
        }

        // Without annotations, OpenAPI's own rule holds: every scope listed in a requirement is needed (all of its schemes').
        var first = security.FirstOrDefault(r => r.Schemes.Any(s => s.Value.Count > 0));
        return (first is null ? [] : first.Schemes.SelectMany(s => s.Value).Distinct(StringComparer.Ordinal).ToList(), []);
    }

    private static List<string> Strings(JsonElement obj, string name) =>
        Has(obj, name, out var array) && array.ValueKind == JsonValueKind.Array
            ? Items(array).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(x => x.Length > 0).ToList()
            : [];

    private static List<SecurityRequirement> Security(JsonElement requirements) =>
        requirements.ValueKind != JsonValueKind.Array
            ? []
            : Items(requirements)
                .Select(r => new SecurityRequirement(Members(r).ToDictionary(
                    p => p.Name,
                    p => (IReadOnlyList<string>)Items(p.Value).Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
                    StringComparer.Ordinal)))
                .ToList();
}
