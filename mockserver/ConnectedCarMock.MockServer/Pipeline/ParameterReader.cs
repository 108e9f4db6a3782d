using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Reads path, query and header parameters into JSON values by their schema and serialization
/// style, and validates them; the first invalid one becomes a 400 naming the parameter.
/// </summary>
internal sealed class ParameterReader(ApiDocument document)
{
    public MockResponse? Validate(Operation operation, MockRequest request, IReadOnlyDictionary<string, string> pathValues)
    {
        foreach (var parameter in operation.Parameters)
        {
            IReadOnlyList<string>? raw = parameter.In switch
            {
                ParameterLocation.Path => pathValues.TryGetValue(parameter.Name, out var v) ? [v] : null,
                ParameterLocation.Query => request.Query.TryGetValue(parameter.Name, out var q) ? q : null,
                ParameterLocation.Header => request.Headers.TryGetValue(parameter.Name, out var h) ? h : null,
                _ => null,
            };
            if (raw is null || raw.Count == 0)
            {
                if (parameter.Required)
                {
                    return ErrorBodies.BadRequest($"{Where(parameter)} '{parameter.Name}' is required");
                }

                continue;
            }

            if (parameter.Schema is null || IsUnconstrainedString(parameter))
            {
                continue;
            }

            if (!ParameterValues.TryRead(document, parameter, raw, out var value))
            {
                return ErrorBodies.BadRequest($"{Where(parameter)} '{parameter.Name}' has an invalid value '{Printable(string.Join(',', raw))}'");
            }

            var result = document.Validator.Validate(parameter.Schema, value, ValidationMode.Strict);
            if (!result.IsValid)
            {
                var error = result.Errors[0];
                return ErrorBodies.BadRequest($"{Where(parameter)} '{parameter.Name}' is invalid: {error.Message}");
            }
        }

        return null;
    }

    // Most ids are plain strings: any text is valid, and the schema validator need not run on the hot path.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Parameter, bool> _unconstrained = new();

    private bool IsUnconstrainedString(Parameter parameter) => _unconstrained.GetOrAdd(parameter, p =>
    {
        var json = p.Schema!.Json;
        return json.ValueKind == System.Text.Json.JsonValueKind.Object
            && json.EnumerateObject().All(k => k.Name is "type" or "description" or "example" or "examples" or "title")
            && json.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == "string";
    });

    private static string Where(Parameter parameter) => parameter.In switch
    {
        ParameterLocation.Path => "path parameter",
        ParameterLocation.Header => "header",
        ParameterLocation.Cookie => "cookie",
        _ => "query parameter",
    };

    // Echoed values are bounded and stripped of control characters: an error body is no place for an injection.
    internal static string Printable(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return text.Length > 80 ? clean + "..." : clean;
    }
}
