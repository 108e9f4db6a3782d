using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// Values the document forbids (for 400 checks) and ids it allows that name nothing (for 404
/// checks). Every candidate is confirmed with the document's own validator, so a check never
/// calls a value invalid that the document accepts (an unanchored pattern accepts anything).
/// </summary>
internal sealed class InvalidValues(ApiDocument document, SchemaValidator validator)
{
    private static readonly string[] InvalidCandidates = ["not-a-number", "__invalid__", "!", "-1", "0", "99999999999", ""];
    private static readonly string[] UnknownIdCandidates = ["conformance-unknown-0000", "00000000000000000000dead", "0000dead", "999999999"];

    /// <summary>A parameter and a raw value of it that the document forbids; query parameters first, path parameters last.</summary>
    public (Parameter Parameter, string Raw)? InvalidParameter(Operation operation)
    {
        var ordered = operation.Parameters.Where(p => p.In == ParameterLocation.Query)
            .Concat(operation.Parameters.Where(p => p.In == ParameterLocation.Path));
        foreach (var parameter in ordered.Where(p => p.Schema is not null))
        {
            // An empty path segment names another path, not an invalid value.
            foreach (var raw in InvalidCandidates.Where(c => c.Length > 0 || parameter.In == ParameterLocation.Query))
            {
                if (!IsValid(parameter, raw))
                {
                    return (parameter, raw);
                }
            }
        }

        return null;
    }

    /// <summary>An id the document accepts for the parameter, which no implementation is likely to hold.</summary>
    public string UnknownId(Parameter parameter) =>
        UnknownIdCandidates.FirstOrDefault(c => IsValid(parameter, c)) ?? UnknownIdCandidates[0];

    /// <summary>
    /// A body the document forbids and what is wrong with it; null when the body schema admits anything. Each
    /// candidate is used only when the validator rejects it for the reason it names (the keyword), so a check
    /// never sends an array "where the document wants an object" to a schema that wants a string.
    /// </summary>
    public (string Json, string What)? InvalidBody(MediaType media)
    {
        if (media.Schema is not { } schema)
        {
            return null;
        }

        var wanted = document.View(schema).Types.Where(t => t != "null").ToList();
        var wants = wanted.Count == 0 ? "something else" : string.Join(" or ", wanted.Select(t => t is "object" or "array" or "integer" ? "an " + t : "a " + t));
        (string Json, string What, string Keyword)[] candidates =
        [
            ("[]", $"a JSON array where the document wants {wants}", "type"),
            ("\"conformance\"", $"a string where the document wants {wants}", "type"),
            ("{}", "an object without its required properties", "required"),
        ];
        foreach (var (json, what, keyword) in candidates)
        {
            var result = validator.Validate(schema, JsonNode.Parse(json), ValidationMode.Tolerant);
            if (!result.IsValid && result.Errors.Any(e => e.Keyword == keyword))
            {
                return (json, what);
            }
        }

        return ("{\"conformance\":", "text that is not JSON");
    }

    /// <summary>Whether a raw parameter text is a value the document allows (coerced to the schema's type first).</summary>
    public bool IsValid(Parameter parameter, string raw)
    {
        if (parameter.Schema is null)
        {
            return true;
        }

        return ParameterValues.TryRead(document, parameter, [raw], out var value) && validator.Validate(parameter.Schema, value, ValidationMode.Strict).IsValid;
    }
}
