using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Reads path, query, header and cookie parameters into JSON values by their schema and serialization
/// style (<see cref="ParameterValues"/>: every OpenAPI style, numbers as their format allows), and validates
/// them; the first invalid one becomes a 400 naming the parameter.
/// </summary>
internal sealed class ParameterReader(ApiDocument document)
{
    // OpenAPI 3: header parameters of these names "SHALL be ignored" (the body, content negotiation and security say it).
    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.OrdinalIgnoreCase) { "Accept", "Content-Type", "Authorization" };

    public MockResponse? Validate(Operation operation, MockRequest request, IReadOnlyDictionary<string, string> pathValues)
    {
        foreach (var parameter in operation.Parameters)
        {
            // A path parameter its path does not name (a document slip) can never be sent: it constrains nothing.
            if ((parameter.In == ParameterLocation.Header && IgnoredHeaders.Contains(parameter.Name))
                || (parameter.In == ParameterLocation.Path && !pathValues.ContainsKey(parameter.Name)))
            {
                continue;
            }

            IReadOnlyList<string>? raw = parameter.In switch
            {
                ParameterLocation.Path => pathValues.TryGetValue(parameter.Name, out var v) ? [v] : null,
                ParameterLocation.Query => request.Query.TryGetValue(parameter.Name, out var q) ? q : ParameterValues.ExplodedObject(document, parameter, request.Query),
                ParameterLocation.Header => request.Headers.TryGetValue(parameter.Name, out var h) ? h : null,
                _ => Cookie(request, parameter.Name) is { } cookie ? [cookie] : null,
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

    /// <summary>A cookie of the request's <c>Cookie</c> headers, decoded; null when it has none of that name.</summary>
    internal static string? Cookie(MockRequest request, string name)
    {
        foreach (var header in request.Headers.TryGetValue("Cookie", out var values) ? values : [])
        {
            foreach (var pair in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual(name))
                {
                    return Uri.UnescapeDataString(pair[(equals + 1)..].Trim('"'));
                }
            }
        }

        return null;
    }

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
