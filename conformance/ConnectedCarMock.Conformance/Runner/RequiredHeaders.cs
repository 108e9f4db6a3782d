using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// The header and cookie parameters an operation requires (<c>x-apideck-consumer-id</c>, <c>PayPal-Request-Id</c>...),
/// with a value the document allows: the one given with <c>--param</c>, else generated from the schema (deterministic).
/// Header parameters named Accept, Content-Type or Authorization are left out, as OpenAPI says to ignore them. Also
/// the required body of an operation that takes no JSON (a form, a file, text), which <see cref="RequestFactory"/>
/// does not make.
/// </summary>
internal sealed class RequiredHeaders(ApiDocument document, ConformanceOptions options)
{
    private readonly PayloadGenerator _values = new(document);
    private readonly PayloadGenerator _bodies = new(document, new GeneratorOptions { ForRequest = true });
    private readonly ConcurrentDictionary<Operation, (List<KeyValuePair<string, string>> Headers, List<KeyValuePair<string, string>> Cookies)> _cache = new();

    public (List<KeyValuePair<string, string>> Headers, List<KeyValuePair<string, string>> Cookies) For(Operation operation) => _cache.GetOrAdd(operation, op =>
    {
        var headers = new List<KeyValuePair<string, string>>();
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var parameter in op.Parameters.Where(p => p.Required && p.In is ParameterLocation.Header or ParameterLocation.Cookie))
        {
            if (parameter.In == ParameterLocation.Header && parameter.Name.ToLowerInvariant() is "accept" or "content-type" or "authorization")
            {
                continue;
            }

            var value = options.Parameters.TryGetValue(parameter.Name, out var given) ? given : Text(parameter.Schema is null ? null : _values.Generate(parameter.Schema, options.Seed));
            (parameter.In == ParameterLocation.Header ? headers : cookies).Add(new(parameter.Name, value));
        }

        return (headers, cookies);
    });

    /// <summary>A body for an operation whose required body has no JSON media: its text and media type; null otherwise.</summary>
    public (string Body, string ContentType)? OtherBody(Operation operation)
    {
        if (operation.RequestBody is not { Required: true, Content.Count: > 0 } declared || declared.Content.Any(m => m.IsJson))
        {
            return null;
        }

        var media = declared.Content[0];
        var value = media.Schema is null ? null : _bodies.Generate(media.Schema, options.Seed);
        var type = media.Name.EndsWith("/*", StringComparison.Ordinal) ? media.Name[..^1] + "example" : media.Name;
        return type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) && value is JsonObject form
            ? (string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Text(p.Value)))), type)
            : (value is null ? "conformance" : Text(value), type);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "x",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array => string.Join(',', array.Select(Text)),
        _ => node.ToJsonString(),
    };
}
