using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Reads the text of a path, query, header or cookie parameter as the JSON value its schema and serialization
/// style describe (<c>pageSize=10</c> is the integer 10; <c>timestamps=a,b</c> an array; <c>filter[type]=x</c>
/// an object), so it can be validated like any instance. Every style of OpenAPI 3 is read: <c>form</c> (exploded
/// or not), <c>spaceDelimited</c>, <c>pipeDelimited</c>, <c>deepObject</c> in queries, <c>simple</c>,
/// <c>label</c> and <c>matrix</c> in paths. Numbers are read as far as their <c>format</c> allows
/// (<c>float</c>, <c>double</c>, <c>int32</c>, <c>int64</c>; arbitrary precision without a format).
/// Shared by the mock, which reads requests, and the conformance runner, which builds invalid ones.
/// </summary>
internal static partial class ParameterValues
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
        var texts = parameter.In == ParameterLocation.Path ? [Unprefixed(parameter, raw[0])] : raw;
        if (view.Is("array"))
        {
            var itemView = view.Items is null ? null : document.View(view.Items);
            var array = new JsonArray();
            foreach (var item in Items(parameter, texts))
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

        if (view.IsObject && !view.Is("string"))
        {
            return TryObject(document, view, parameter, texts, out value);
        }

        return texts.Count == 1 && TryScalar(view, texts[0], out value);
    }

    /// <summary>
    /// The query pairs that carry an object parameter exploded (<c>deepObject</c>: <c>name[key]=v</c>; <c>form</c>:
    /// one pair per declared property), as <c>key=value</c> texts; null when the query has none.
    /// </summary>
    public static IReadOnlyList<string>? ExplodedObject(ApiDocument document, Parameter parameter, IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        if (parameter.Schema is null || parameter.In != ParameterLocation.Query || !parameter.Explode || document.View(parameter.Schema) is not { IsObject: true } view || view.Is("string"))
        {
            return null;
        }

        var prefix = parameter.Name + "[";
        var pairs = parameter.Style == "deepObject"
            ? query.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.EndsWith(']'))
                .SelectMany(p => p.Value.Select(v => p.Key[prefix.Length..^1] + "=" + v))
            : query.Where(p => view.Property(p.Key) is not null).SelectMany(p => p.Value.Select(v => p.Key + "=" + v));
        var list = pairs.ToList();
        return list.Count == 0 ? null : list;
    }

    /// <summary>The items of an array parameter, split as its style says.</summary>
    private static IEnumerable<string> Items(Parameter parameter, IReadOnlyList<string> texts)
    {
        if (parameter.In == ParameterLocation.Query && parameter.Explode && parameter.Style is "form" or "deepObject")
        {
            return texts;
        }

        var separator = parameter.Style switch
        {
            "pipeDelimited" => '|',
            "spaceDelimited" => ' ',
            "label" when parameter.Explode => '.',
            "matrix" when parameter.Explode => ';',
            _ => ',',
        };
        return texts.SelectMany(t => t.Split(separator)).Select(t => Unnamed(parameter, t));
    }

    private static bool TryObject(ApiDocument document, SchemaView view, Parameter parameter, IReadOnlyList<string> texts, out JsonNode? value)
    {
        value = null;
        var result = new JsonObject();
        var explodedPairs = parameter.Explode || texts.Count > 1 || texts.All(t => t.Contains('=', StringComparison.Ordinal));
        IEnumerable<(string Key, string Text)> entries;
        if (explodedPairs)
        {
            var separator = parameter.Style switch { "label" => '.', "matrix" => ';', _ => ',' };
            var pairs = texts.Count > 1 ? texts : texts[0].Split(separator);
            entries = pairs.Select(p => p.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty));
        }
        else
        {
            var parts = texts[0].Split(parameter.Style switch { "pipeDelimited" => '|', "spaceDelimited" => ' ', _ => ',' });
            if (parts.Length % 2 != 0)
            {
                return false;
            }

            entries = Enumerable.Range(0, parts.Length / 2).Select(i => (parts[2 * i], parts[(2 * i) + 1]));
        }

        foreach (var (key, text) in entries)
        {
            var propertyView = view.Property(key) is { } property ? document.View(property.Schema) : null;
            if (!TryScalar(propertyView, text, out var scalar))
            {
                return false;
            }

            result[key] = scalar;
        }

        value = result;
        return true;
    }

    /// <summary>A path value without its style's prefix: <c>.a</c> (label), <c>;name=a</c> (matrix).</summary>
    private static string Unprefixed(Parameter parameter, string text) => parameter.Style switch
    {
        "label" when text.StartsWith('.') => text[1..],
        "matrix" when text.StartsWith(';') => text[1..] is var rest && !parameter.Explode && rest.StartsWith(parameter.Name + "=", StringComparison.Ordinal) ? rest[(parameter.Name.Length + 1)..] : rest,
        _ => text,
    };

    /// <summary>An exploded matrix item repeats the name (<c>;id=1;id=2</c>).</summary>
    private static string Unnamed(Parameter parameter, string item) =>
        parameter.Style == "matrix" && item.StartsWith(parameter.Name + "=", StringComparison.Ordinal) ? item[(parameter.Name.Length + 1)..] : item;

    private static bool TryScalar(SchemaView? view, string text, out JsonNode? value)
    {
        value = null;
        if (view is null || view.Types.Count == 0 || view.Is("string"))
        {
            value = JsonValue.Create(text);
            return true;
        }

        if ((view.Is("integer") || view.Is("number")) && TryNumber(view, text, out value))
        {
            return true;
        }

        if (view.Is("boolean") && text is "true" or "false")
        {
            value = JsonValue.Create(text == "true");
            return true;
        }

        if (view.IsNullable && text == "null")
        {
            return true;
        }

        return false;
    }

    /// <summary>A number within its format's range: float and double as binary floating point, int32 and int64 by their bounds, anything else at full precision.</summary>
    private static bool TryNumber(SchemaView view, string text, out JsonNode? value)
    {
        value = null;
        if (text.Length > 400 || !JsonNumber().IsMatch(text))
        {
            return false;
        }

        var integer = view.Is("integer") && !view.Is("number");
        switch (view.Format)
        {
            case "float" or "double" when !integer:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || double.IsInfinity(real)
                    || (view.Format == "float" && Math.Abs(real) > float.MaxValue))
                {
                    return false;
                }

                value = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? JsonValue.Create(exact) : JsonValue.Create(real);
                return true;
            case "int32" or "int64" when integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                    || (view.Format == "int32" && whole is < int.MinValue or > int.MaxValue))
                {
                    return false;
                }

                value = JsonValue.Create(whole);
                return true;
            default:
                if (integer && !IsWhole(text))
                {
                    return false;
                }

                // No format, no range: exact where decimal holds it, else the number as written (leading zeros dropped).
                value = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var precise)
                    ? JsonValue.Create(precise)
                    : JsonNode.Parse(WithoutLeadingZeros(text));
                return true;
        }
    }

    private static string WithoutLeadingZeros(string text)
    {
        var sign = text.StartsWith('-') ? "-" : string.Empty;
        var digits = text[sign.Length..].TrimStart('0');
        return sign + (digits.Length == 0 || !char.IsAsciiDigit(digits[0]) ? "0" + digits : digits);
    }

    private static bool IsWhole(string text)
    {
        var exponent = text.IndexOfAny(['e', 'E']);
        var mantissa = exponent < 0 ? text : text[..exponent];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fraction = dot < 0 ? string.Empty : mantissa[(dot + 1)..].TrimEnd('0');
        var power = exponent < 0 ? 0 : int.TryParse(text[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : int.MinValue;
        return power >= fraction.Length;
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
