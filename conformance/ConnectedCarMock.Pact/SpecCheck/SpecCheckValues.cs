using System.Globalization;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Validates parameter values, which travel as text, against their schemas: each value is first read as
/// the type the schema declares (<c>50</c> as an integer, <c>true</c> as a boolean, repeated or
/// comma-separated values as an array), so that "abc" for an integer fails and "50" passes.
/// </summary>
internal static class SpecCheckValues
{
    public static IEnumerable<string> Validate(ApiDocument document, Schema schema, IReadOnlyList<string> values)
    {
        var view = document.View(schema);
        if (!view.Is("array") && values.Count > 1)
        {
            return [$"sent {values.Count} times, but takes a single value"];
        }

        var instance = Coerce(document, view, values);
        var result = document.Validator.Validate(schema, instance, ValidationMode.Strict);
        return result.Errors.Select(e => e.InstancePointer.Length == 0 ? e.Message : $"{e.InstancePointer}: {e.Message}");
    }

    private static JsonNode? Coerce(ApiDocument document, SchemaView view, IReadOnlyList<string> values)
    {
        if (view.Is("array"))
        {
            var items = view.Items is { } itemSchema ? document.View(itemSchema) : null;
            // One value may carry the whole array, comma-separated (style form, explode false).
            var parts = values.Count == 1 ? values[0].Split(',') : [.. values];
            return new JsonArray([.. parts.Select(p => items is null ? JsonValue.Create(p) : Scalar(items, p))]);
        }

        return Scalar(view, values.Count == 0 ? string.Empty : values[0]);
    }

    private static JsonNode? Scalar(SchemaView view, string text)
    {
        if (view.Is("integer") && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (view.Is("number") && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (view.Is("boolean") && bool.TryParse(text, out var flag) && (text == "true" || text == "false"))
        {
            return JsonValue.Create(flag);
        }

        // Left as text: a non-numeric value for an integer then fails with the validator's own message.
        return JsonValue.Create(text);
    }
}
