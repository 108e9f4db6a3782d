using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Matchers for request and response values: the example is what the mock server uses, the rule is what the
/// provider is later held to. Use them anywhere inside a body passed to <c>WithJsonBody</c>, or as a header
/// or query value. They are written in the Pact engine's integration JSON format (<c>pact:matcher:type</c>).
/// </summary>
public static class Match
{
    /// <summary>Any value of the example's JSON type (Pact "like"). Objects are matched property by property.</summary>
    public static Matcher Type(object example) => new("type", example);

    /// <summary>An array with at least <paramref name="min"/> items, each like <paramref name="example"/>.</summary>
    public static Matcher EachLike(object example, int min = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 0);
        // The example array holds min copies (at least one): the engine's mock answers with it, so it must satisfy min itself.
        var items = Enumerable.Repeat(example, Math.Max(min, 1)).ToArray();
        return new Matcher("type", items, ("min", min));
    }

    /// <summary>A string matching <paramref name="regex"/> (the example must match it too).</summary>
    public static Matcher Regex(string example, string regex)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentException.ThrowIfNullOrEmpty(regex);
        if (!System.Text.RegularExpressions.Regex.IsMatch(example, regex, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentException($"The example '{example}' does not match its own regular expression {regex}.", nameof(example));
        }

        return new Matcher("regex", example, ("regex", regex));
    }

    /// <summary>Any integer.</summary>
    public static Matcher Integer(long example) => new("integer", example);

    /// <summary>
    /// Any number with a fractional part. The example is a <see cref="decimal"/> so that its scale is kept:
    /// <c>12.0m</c> is written as <c>12.0</c>, where a double would become the integer <c>12</c>.
    /// </summary>
    public static Matcher Decimal(decimal example) => new("decimal", example);

    /// <summary>A string in the given date-time format (Pact's Java-style pattern, e.g. <c>yyyy-MM-dd'T'HH:mm:ssXXX</c>).</summary>
    public static Matcher DateTime(string example, string format = "yyyy-MM-dd'T'HH:mm:ssXXX")
    {
        ArgumentException.ThrowIfNullOrEmpty(example);
        ArgumentException.ThrowIfNullOrEmpty(format);
        return new Matcher("datetime", example, ("format", format));
    }

    /// <summary>A string that contains <paramref name="text"/>.</summary>
    public static Matcher Includes(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new Matcher("include", text);
    }
}

/// <summary>A value with a matching rule; create with <see cref="Match"/>.</summary>
public sealed class Matcher
{
    private readonly (string Name, object Value)[] _attributes;

    internal Matcher(string type, object example, params (string Name, object Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(example);
        Type = type;
        Example = example;
        _attributes = attributes;
    }

    /// <summary>The integration-JSON matcher id: <c>type</c>, <c>regex</c>, <c>integer</c>...</summary>
    public string Type { get; }

    public object Example { get; }

    /// <summary>The matcher as integration JSON; <paramref name="value"/> is the example, already converted.</summary>
    internal JsonObject ToJson(JsonNode? value)
    {
        var json = new JsonObject { ["pact:matcher:type"] = Type };
        foreach (var (name, attribute) in _attributes)
        {
            json[name] = attribute switch
            {
                int number => number,
                string text => text,
                _ => Convert.ToString(attribute, CultureInfo.InvariantCulture),
            };
        }

        json["value"] = value;
        return json;
    }

    public override string ToString() => $"{Type}({Example})";
}
