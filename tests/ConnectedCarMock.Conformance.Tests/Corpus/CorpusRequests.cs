using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>One way to satisfy an operation's security: a requirement object and how each of its schemes is sent.</summary>
internal sealed record Credentials(string Kind, IReadOnlyList<SecurityScheme> Schemes)
{
    public static Credentials None { get; } = new("none", []);
}

/// <summary>
/// Valid requests for any operation of any document, as a client that read the document would send them:
/// ids of the mock's world on the path (generated values where the path names no collection), every required
/// parameter with a generated value in its style, a generated body, and credentials of the kind asked for.
/// </summary>
internal sealed class CorpusRequests(ApiDocument document, FleetWorld world, Func<IEnumerable<string>, string> mint)
{
    private readonly PayloadGenerator _values = new(document);
    private readonly PayloadGenerator _bodies = new(document, new GeneratorOptions { ForRequest = true });

    /// <summary>Each requirement object of the operation as one way to call it (none when it is public).</summary>
    public IReadOnlyList<Credentials> Alternatives(Operation operation)
    {
        if (operation.Security.Count == 0 || operation.Security.Any(r => r.IsAnonymous))
        {
            return [Credentials.None];
        }

        return operation.Security
            .Select(r => r.Schemes.Keys.Select(k => document.SecuritySchemes.GetValueOrDefault(k)).OfType<SecurityScheme>().ToList())
            .Where(s => s.Count > 0)
            .Select(s => new Credentials(string.Join("+", s.Select(Kind)), s))
            .DistinctBy(c => c.Kind)
            .ToList();
    }

    public static string Kind(SecurityScheme scheme) => scheme.Kind switch
    {
        SecuritySchemeKind.ApiKey => $"apiKey({(scheme.In ?? ParameterLocation.Query).ToString().ToLowerInvariant()})",
        SecuritySchemeKind.Http => (scheme.HttpScheme ?? "http").ToLowerInvariant() + (scheme.IsHttp("bearer") && scheme.BearerFormat is { Length: <= 12 } format ? $"({format})" : string.Empty),
        SecuritySchemeKind.OAuth2 => "oauth2",
        SecuritySchemeKind.OpenIdConnect => "openIdConnect",
        _ => scheme.Kind.ToString(),
    };

    public HttpRequestMessage Build(Operation operation, string apiUrl, Credentials credentials)
    {
        var template = new PathTemplate(operation.Path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in template.Parameters)
        {
            values[name] = PathValue(operation, template, name, values);
        }

        var query = new List<string>();
        var headers = new List<(string, string)>();
        var cookies = new List<string>();
        // Header parameters named Accept, Content-Type or Authorization are ignored by OpenAPI's rule: the body and security say them.
        foreach (var parameter in operation.Parameters.Where(p => p.Required && p.In != ParameterLocation.Path
            && !(p.In == ParameterLocation.Header && p.Name.ToLowerInvariant() is "accept" or "content-type" or "authorization")))
        {
            var value = parameter.Schema is null ? JsonValue.Create("x") : _values.Generate(parameter.Schema, 7);
            switch (parameter.In)
            {
                case ParameterLocation.Query:
                    query.AddRange(QueryPairs(parameter, value));
                    break;
                case ParameterLocation.Header:
                    headers.Add((parameter.Name, Joined(value)));
                    break;
                default:
                    cookies.Add($"{parameter.Name}={Uri.EscapeDataString(Joined(value))}");
                    break;
            }
        }

        foreach (var scheme in credentials.Schemes)
        {
            Credit(scheme, headers, query, cookies);
        }

        var url = apiUrl + template.Expand(values) + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies));
        }

        request.Content = Body(operation);
        return request;
    }

    private string PathValue(Operation operation, PathTemplate template, string name, Dictionary<string, string> known)
    {
        var owner = world.Model.OwnerOf(template, name);
        if (owner?.Item is not null && owner.List.Parameters.All(known.ContainsKey))
        {
            var ids = world.IdsOf(owner, owner.List.Parameters.ToDictionary(p => p, p => known[p], StringComparer.Ordinal));
            if (ids.Count > 0)
            {
                return ids[0];
            }
        }

        var parameter = operation.PathParameters.FirstOrDefault(p => p.Name == name);
        var value = parameter?.Schema is null ? null : _values.Generate(parameter.Schema, 7);
        return value switch
        {
            null => "1",
            JsonObject obj => string.Join(',', obj.SelectMany(p => new[] { p.Key, Joined(p.Value) })),
            _ => Joined(value) is { Length: > 0 } text ? text : "1",
        };
    }

    /// <summary>The body a client would send; null without one. Throws when the generator finds no value for the schema.</summary>
    public (string? Json, Schema? Schema) BodyOf(Operation operation)
    {
        var media = operation.RequestBody?.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null);
        return media?.Schema is { } schema ? (_bodies.Generate(schema, 7)?.ToJsonString() ?? "null", schema) : (null, null);
    }

    private HttpContent? Body(Operation operation)
    {
        if (operation.RequestBody is not { Content.Count: > 0 } declared)
        {
            return null;
        }

        var media = declared.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null && m.Name != "*/*") ?? declared.Content[0];
        var value = media.Schema is null ? null : _bodies.Generate(media.Schema, 7);
        var type = media.Name == "*/*" ? "application/json" : media.Name;
        HttpContent content = media.IsJson
            ? new StringContent(value?.ToJsonString() ?? "null", Encoding.UTF8)
            : type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) && value is JsonObject form
                ? new StringContent(string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Joined(p.Value)))), Encoding.UTF8)
                : new ByteArrayContent(Encoding.UTF8.GetBytes(value is null ? "corpus" : Joined(value)));
        var concrete = type == "*/*" ? "application/octet-stream" : type.EndsWith("/*", StringComparison.Ordinal) ? type[..^1] + "example" : type;
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(concrete, out var parsed) ? parsed : new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private void Credit(SecurityScheme scheme, List<(string, string)> headers, List<string> query, List<string> cookies)
    {
        switch (scheme.Kind)
        {
            case SecuritySchemeKind.ApiKey when scheme.ParameterName is { } name:
                if (scheme.In == ParameterLocation.Header)
                {
                    headers.Add((name, "corpus-key"));
                }
                else if (scheme.In == ParameterLocation.Cookie)
                {
                    cookies.Add($"{name}=corpus-key");
                }
                else
                {
                    query.Add($"{Uri.EscapeDataString(name)}=corpus-key");
                }

                break;
            case SecuritySchemeKind.Http when scheme.IsHttp("basic"):
                headers.Add(("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("corpus:secret"))));
                break;
            case SecuritySchemeKind.Http when scheme.IsHttp("bearer"):
            case SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect:
                // Schemes of one requirement that both take a bearer token share the one Authorization header.
                if (!headers.Any(h => h.Item1 == "Authorization"))
                {
                    headers.Add(("Authorization", "Bearer " + mint(document.AllScopes)));
                }

                break;
            case SecuritySchemeKind.Http when !scheme.IsHttp("none"):
                headers.Add(("Authorization", $"{scheme.HttpScheme} corpus-credentials"));
                break;
        }
    }

    /// <summary>Query pairs of a parameter in its style (arrays and objects exploded or joined as it says).</summary>
    public static IEnumerable<string> QueryPairs(Parameter parameter, JsonNode? value)
    {
        string Pair(string name, string text) => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(text);
        var separator = parameter.Style switch { "pipeDelimited" => "|", "spaceDelimited" => " ", _ => "," };
        return value switch
        {
            JsonArray array when parameter.Explode => array.Select(i => Pair(parameter.Name, Joined(i))),
            JsonArray array => [Pair(parameter.Name, string.Join(separator, array.Select(Joined)))],
            JsonObject obj when parameter.Style == "deepObject" => obj.Select(p => Pair($"{parameter.Name}[{p.Key}]", Joined(p.Value))),
            JsonObject obj when parameter.Explode => obj.Select(p => Pair(p.Key, Joined(p.Value))),
            JsonObject obj => [Pair(parameter.Name, string.Join(separator, obj.SelectMany(p => new[] { p.Key, Joined(p.Value) })))],
            _ => [Pair(parameter.Name, Joined(value))],
        };
    }

    public static string Joined(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array => string.Join(',', array.Select(Joined)),
        _ => node.ToJsonString(),
    };
}
