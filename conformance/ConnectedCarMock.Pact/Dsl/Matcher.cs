using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact;

/// <summary>A value with a matching rule (or a generator); create with <see cref="Match"/>.</summary>
public sealed class Matcher
{
    private readonly (string Name, object? Value)[] _attributes;
    private bool _withoutValue;

    internal Matcher(string type, object? example, params (string Name, object? Value)[] attributes)
    {
        Type = type;
        Example = example;
        _attributes = attributes;
    }

    /// <summary>The integration-JSON matcher id: <c>type</c>, <c>regex</c>, <c>integer</c>...</summary>
    internal string Type { get; }

    internal object? Example { get; }

    /// <summary>
    /// The matcher as integration JSON. <paramref name="convert"/> turns the example and attributes (which may hold
    /// nested matchers) into JSON, so that a matcher inside a matcher's example is written too.
    /// </summary>
    internal JsonObject ToJson(Func<object?, JsonNode?> convert)
    {
        var json = new JsonObject { ["pact:matcher:type"] = Type };
        foreach (var (name, attribute) in _attributes)
        {
            json[name] = convert(attribute);
        }

        if (!_withoutValue)
        {
            json["value"] = convert(Example);
        }

        return json;
    }

    internal static Matcher Variants(object[] variants) =>
        new("arrayContains", variants, ("variants", variants)) { _withoutValue = true };

    internal static Matcher WithRules(string type, object example, Matcher rule) =>
        new(type, example, ("rules", new object[] { rule }));

    internal static Matcher Generated(string expression, object example) =>
        new("type", example, ("pact:generator:type", "ProviderState"), ("expression", expression));

    public override string ToString() => $"{Type}({Example})";
}
