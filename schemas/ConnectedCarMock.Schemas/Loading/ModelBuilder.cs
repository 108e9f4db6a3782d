using System.Text.Json;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>Builds the immutable model from a document normalized to OpenAPI 3.1 JSON.</summary>
internal sealed partial class ModelBuilder
{

    private readonly JsonElement _root;
    private readonly List<SpecDiagnostic> _warnings;

    private ModelBuilder(JsonElement root, List<SpecDiagnostic> warnings)
    {
        _root = root;
        _warnings = warnings;
    }

    public static ApiDocument Build(
        JsonDocument normalized, string source, string version, List<SpecDiagnostic> warnings, IReadOnlyDictionary<string, string> renamedSchemas)
    {
        var builder = new ModelBuilder(normalized.RootElement, warnings);
        var schemas = builder.ComponentSchemas();
        var schemes = builder.SecuritySchemes();
        var operations = builder.Operations();
        return new ApiDocument(normalized, source, version, operations, schemas, schemes, warnings)
        {
            OriginalSchemaNames = renamedSchemas.Where(r => schemas.ContainsKey(r.Key)).ToDictionary(StringComparer.Ordinal),
        };
    }

    private Dictionary<string, Schema> ComponentSchemas()
    {
        var result = new Dictionary<string, Schema>(StringComparer.Ordinal);
        if (Has(_root, "components", out var components) && Has(components, "schemas", out var schemas))
        {
            foreach (var schema in Members(schemas))
            {
                result[schema.Name] = new Schema(schema.Value, "/components/schemas/" + Pointers.Escape(schema.Name));
            }
        }

        return result;
    }

    private List<Operation> Operations()
    {
        var operations = new List<Operation>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rootSecurity = Has(_root, "security", out var rs) ? Security(rs) : [];
        if (!Has(_root, "paths", out var paths))
        {
            return operations;
        }

        foreach (var path in Members(paths))
        {
            var pathPointer = "/paths/" + Pointers.Escape(path.Name);
            var pathParameters = Has(path.Value, "parameters", out var pp) ? Parameters(pp, pathPointer + "/parameters") : [];
            foreach (var method in OpenApiShape.Methods)
            {
                if (!Has(path.Value, method, out var op))
                {
                    continue;
                }

                var pointer = pathPointer + "/" + method;
                var parameters = Has(op, "parameters", out var ps) ? Parameters(ps, pointer + "/parameters") : [];
                var merged = parameters
                    .Concat(pathParameters.Where(p => !parameters.Any(o => o.Name == p.Name && o.In == p.In)))
                    .ToList();
                var security = Has(op, "security", out var s) ? Security(s) : rootSecurity;
                var (required, optional) = Scopes(op, security);
                var id = Text(op, "operationId") ?? $"{method.ToUpperInvariant()} {path.Name}";
                if (!ids.Add(id))
                {
                    // Written ids were made unique by the repairs; this is an id made up above meeting a written one.
                    var unique = DuplicateOperationIds.Unique(id, method, ids);
                    _warnings.Add(new SpecDiagnostic("duplicate-operation-id", pointer, $"operationId '{id}' is used twice; this one is called '{unique}'"));
                    id = unique;
                }

                operations.Add(new Operation
                {
                    Id = id,
                    Method = method.ToUpperInvariant(),
                    Path = path.Name,
                    Summary = Text(op, "summary"),
                    Tags = Has(op, "tags", out var tags) ? Items(tags).Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList() : [],
                    Parameters = merged,
                    RequestBody = Has(op, "requestBody", out var body) ? RequestBody(body, pointer + "/requestBody") : null,
                    Responses = Has(op, "responses", out var responses) ? Responses(responses, pointer + "/responses") : [],
                    Security = security,
                    RequiredScopes = required,
                    OptionalScopes = optional,
                });
            }
        }

        return operations;
    }

    private List<Parameter> Parameters(JsonElement list, string pointer)
    {
        var result = new List<Parameter>();
        var index = 0;
        foreach (var item in Items(list))
        {
            var (p, at) = Deref(item, Pointers.Append(pointer, index++));
            var location = Location(Text(p, "in")) ?? ParameterLocation.Query;
            var style = Text(p, "style") ?? (location is ParameterLocation.Query or ParameterLocation.Cookie ? "form" : "simple");
            var explode = Has(p, "explode", out var e) ? e.ValueKind == JsonValueKind.True : style == "form";
            result.Add(new Parameter(
                Text(p, "name") ?? string.Empty,
                location,
                location == ParameterLocation.Path || (Has(p, "required", out var r) && r.ValueKind == JsonValueKind.True),
                Has(p, "schema", out var schema) ? new Schema(schema, at + "/schema") : null,
                style,
                explode,
                Text(p, "description")));
        }

        return result;
    }

    private RequestBody RequestBody(JsonElement element, string pointer)
    {
        var (body, at) = Deref(element, pointer);
        return new RequestBody(
            Has(body, "required", out var r) && r.ValueKind == JsonValueKind.True,
            Has(body, "content", out var content) ? Content(content, at + "/content") : []);
    }

    private List<Response> Responses(JsonElement responses, string pointer)
    {
        var result = new List<Response>();
        foreach (var entry in Members(responses))
        {
            var (response, at) = Deref(entry.Value, Pointers.Append(pointer, entry.Name));
            result.Add(new Response(
                entry.Name.Equals("default", StringComparison.OrdinalIgnoreCase) ? "default" : entry.Name.ToUpperInvariant(),
                Text(response, "description") ?? string.Empty,
                Has(response, "content", out var content) ? Content(content, at + "/content") : []));
        }

        return result;
    }

    private static List<MediaType> Content(JsonElement content, string pointer) =>
        Members(content)
            .Select(m => new MediaType(
                m.Name,
                Has(m.Value, "schema", out var schema) ? new Schema(schema, Pointers.Append(pointer, m.Name) + "/schema") : null))
            .ToList();

    /// <summary>Follows a <c>$ref</c> into components (parameters, responses, request bodies...).</summary>
    private (JsonElement Element, string Pointer) Deref(JsonElement element, string pointer)
    {
        for (var depth = 0; depth < 16 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var r); depth++)
        {
            var target = r.ValueKind == JsonValueKind.String ? Pointers.FromLocalRef(r.GetString()!) : null;
            if (target is null || Find(target) is not { } found)
            {
                break;
            }

            element = found;
            pointer = target;
        }

        return (element, pointer);
    }

    private JsonElement? Find(string pointer)
    {
        var node = _root;
        foreach (var token in Pointers.Tokens(pointer))
        {
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(token, out var i) && i < node.GetArrayLength())
            {
                node = node[i];
            }
            else
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The member of an object; false for any other value (OpenAPI.NET writes null for what it could not read).</summary>
    private static bool Has(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }

    private static IEnumerable<JsonProperty> Members(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : [];

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static ParameterLocation? Location(string? location) => location switch
    {
        "path" => ParameterLocation.Path,
        "query" => ParameterLocation.Query,
        "header" => ParameterLocation.Header,
        "cookie" => ParameterLocation.Cookie,
        _ => null,
    };
}
