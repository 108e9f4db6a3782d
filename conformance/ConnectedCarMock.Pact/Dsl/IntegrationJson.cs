using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Turns what a test passes as a body, header or query value (anonymous objects, dictionaries, arrays,
/// <see cref="JsonNode"/>s, <see cref="Matcher"/>s at any depth) into the engine's integration JSON.
/// Property names are written as the test spelled them: the JSON is the API's, not a .NET contract.
/// </summary>
internal static class IntegrationJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        Converters = { new MatcherConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonNode? ToNode(object? value) => JsonSerializer.SerializeToNode(value, s_options);

    public static string Serialize(object? value) => ToNode(value)?.ToJsonString(s_options) ?? "null";

    /// <summary>Provider-state parameters as JSON text: an object whose property names are the parameter names.</summary>
    public static string StateParameters(object parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ToNode(parameters) is JsonObject json
            ? json.ToJsonString()
            : throw new ArgumentException("Provider state parameters must be an object: their property names are the parameter names.", nameof(parameters));
    }

    /// <summary>A header or query value: the plain string, or integration JSON when it carries a matcher.</summary>
    public static string ParameterValue(object value) => value switch
    {
        string text => text,
        Matcher matcher => Serialize(matcher),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private sealed class MatcherConverter : JsonConverter<Matcher>
    {
        public override Matcher Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Matchers are written, never read.");

        public override void Write(Utf8JsonWriter writer, Matcher value, JsonSerializerOptions options) =>
            value.ToJson(o => JsonSerializer.SerializeToNode(o, options)).WriteTo(writer, options);
    }
}
