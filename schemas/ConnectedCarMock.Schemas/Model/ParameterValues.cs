using System.Globalization;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Reads the text of a path, query or header parameter as the JSON value its schema and serialization
/// style describe (<c>pageSize=10</c> is the integer 10; <c>timestamps=a,b</c> an array), so it can be
/// validated like any instance. Shared by the mock, which reads requests, and the conformance runner,
/// which builds invalid ones.
/// </summary>
public static class ParameterValues
{
    /// <summary>False when the text cannot be the schema's type (e.g. <c>ten</c> for an integer).</summary>
    public static bool TryRead(ApiDocument document, Parameter parameter, IReadOnlyList<string> raw, out JsonNode? value)
    {
        value = null;
        if (parameter.Schema is null || raw.Count == 0)
        {
            value = raw.Count == 0 ? null : JsonValue.Create(raw[0]);
            return true;
        }

        var view = document.View(parameter.Schema);
        if (view.Is("array"))
        {
            var items = parameter.Explode && parameter.In == ParameterLocation.Query
                ? raw
                : raw.SelectMany(r => r.Split(parameter.Style == "pipeDelimited" ? '|' : parameter.Style == "spaceDelimited" ? ' ' : ',')).ToList();
            var itemView = view.Items is null ? null : document.View(view.Items);
            var array = new JsonArray();
            foreach (var item in items)
            {
                if (!TryScalar(itemView, item, out var scalar))
                {
                    return false;
                }

                array.Add(scalar);
            }

            value = array;
            return true;
        }

        return raw.Count == 1 && TryScalar(view, raw[0], out value);
    }

    private static bool TryScalar(SchemaView? view, string text, out JsonNode? value)
    {
        value = null;
        if (view is null || view.Types.Count == 0 || view.Is("string"))
        {
            value = JsonValue.Create(text);
            return true;
        }

        if (view.Is("integer") && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            value = JsonValue.Create(integer);
            return true;
        }

        if (view.Is("number") && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            value = JsonValue.Create(number);
            return true;
        }

        if (view.Is("boolean") && text is "true" or "false")
        {
            value = JsonValue.Create(text == "true");
            return true;
        }

        return view.IsNullable && text == "null";
    }
}
