using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// Valid requests for an operation: the path with the given ids, every required query parameter
/// with a value the document allows (or the one given with <c>--param</c>), and a generated body.
/// Generated values are deterministic (seeded) and cached per operation.
/// </summary>
internal sealed class RequestFactory
{
    private readonly ApiDocument _document;
    private readonly ConformanceOptions _options;
    private readonly PayloadGenerator _values;
    private readonly PayloadGenerator _bodies;

    private readonly ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _bodyText = new(StringComparer.Ordinal);

    public RequestFactory(ApiDocument document, ConformanceOptions options)
    {
        _document = document;
        _options = options;
        _values = new PayloadGenerator(document);
        _bodies = new PayloadGenerator(document, new GeneratorOptions { ForRequest = true });
    }

    /// <exception cref="InvalidOperationException">A path parameter has no value.</exception>
    public ApiRequest Valid(Operation operation, IReadOnlyDictionary<string, string> values, string? token)
    {
        var path = new PathTemplate(operation.Path).Expand(values)
            ?? throw new InvalidOperationException($"no value for a path parameter of {operation.Path}");
        var media = BodyMedia(operation);
        return new ApiRequest
        {
            Method = operation.Method,
            Path = path,
            Query = RequiredQuery(operation),
            Token = token,
            Body = media is null ? null : BodyText(operation),
            ContentType = media?.Name,
        };
    }

    /// <summary>The JSON media type of the request body, when the operation takes one with a schema.</summary>
    public static MediaType? BodyMedia(Operation operation) =>
        operation.RequestBody?.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null && m.Name != "*/*")
        ?? operation.RequestBody?.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null);

    /// <summary>A new copy of the generated body, for checks that change it.</summary>
    public JsonNode? Body(Operation operation) =>
        BodyText(operation) is { } text ? JsonNode.Parse(text) : null;

    private string? BodyText(Operation operation) => _bodyText.GetOrAdd(operation.Id, _ =>
    {
        if (BodyMedia(operation)?.Schema is not { } schema)
        {
            return null;
        }

        return _bodies.Generate(schema, _options.Seed)?.ToJsonString() ?? "null";
    });

    /// <summary>Required query parameters with valid values, as name/value pairs (arrays exploded unless the document says otherwise).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequiredQuery(Operation operation) => _queries.GetOrAdd(operation.Id, _ =>
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var parameter in operation.Parameters.Where(p => p.Required && p.In == ParameterLocation.Query))
        {
            pairs.AddRange(Pairs(parameter, ValueOf(parameter)));
        }

        return pairs;
    });

    /// <summary>A valid value of a parameter: the one given with <c>--param</c>, else one generated from its schema.</summary>
    public JsonNode? ValueOf(Parameter parameter)
    {
        if (_options.Parameters.TryGetValue(parameter.Name, out var given))
        {
            return JsonValue.Create(given);
        }

        if (parameter.Schema is null)
        {
            return JsonValue.Create("x");
        }

        return _values.Generate(parameter.Schema, _options.Seed);
    }

    public static IEnumerable<KeyValuePair<string, string>> Pairs(Parameter parameter, JsonNode? value)
    {
        if (value is JsonArray array)
        {
            var items = array.Select(Text).ToList();
            return parameter.Explode
                ? items.Select(i => new KeyValuePair<string, string>(parameter.Name, i))
                : [new(parameter.Name, string.Join(parameter.Style == "pipeDelimited" ? "|" : parameter.Style == "spaceDelimited" ? " " : ",", items))];
        }

        return [new(parameter.Name, Text(value))];
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
