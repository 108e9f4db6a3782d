using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Pact;

/// <summary>
/// What each Pact matcher accepts, as the engine decides it at verification: the expected value is the pact's
/// example, the actual one what a provider sends. The spec check uses it to hold a pact to its own rules (an
/// example its rule rejects, a <c>max: 1</c> on an array of five) and to the values the document promises.
/// </summary>
internal static partial class PactMatcherRules
{
    /// <summary>Null when <paramref name="actual"/> satisfies the matcher, else why not (in the engine's spirit).</summary>
    public static string? Check(PactMatcher matcher, JsonElement expected, JsonElement actual) => matcher.Type switch
    {
        "equality" => JsonElement.DeepEquals(expected, actual) ? null : $"expected {expected.GetRawText()} exactly, not {actual.GetRawText()}",
        "regex" => matcher.Text("regex") is { } regex && !PactRegex.IsFullMatch(Text(actual), regex) ? $"{actual.GetRawText()} does not match the regular expression {regex} as a whole" : null,
        "type" => TypeCheck(matcher, expected, actual),
        "integer" => actual.ValueKind == JsonValueKind.Number && IsInteger(actual) ? null : $"{actual.GetRawText()} is not an integer",
        "decimal" => actual.ValueKind == JsonValueKind.Number && !IsInteger(actual) ? null : $"{actual.GetRawText()} is not a decimal number (it needs a fraction)",
        "number" => actual.ValueKind == JsonValueKind.Number ? null : $"{actual.GetRawText()} is not a number",
        "boolean" => actual.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{actual.GetRawText()} is not a boolean",
        "null" => actual.ValueKind == JsonValueKind.Null ? null : $"{actual.GetRawText()} is not null",
        "date" or "time" or "datetime" or "timestamp" => Formatted(matcher, actual),
        "include" => matcher.Text("value") is { } part && !Text(actual).Contains(part, StringComparison.Ordinal) ? $"{actual.GetRawText()} does not include '{part}'" : null,
        "semver" => actual.ValueKind == JsonValueKind.String && Semver().IsMatch(actual.GetString()!) ? null : $"{actual.GetRawText()} is not a semantic version",
        "notEmpty" => Empty(actual) ? $"{actual.GetRawText()} is empty" : TypeCheck(matcher, expected, actual),
        "arrayContains" => ArrayContains(matcher, expected, actual),
        "eachKey" => actual.ValueKind != JsonValueKind.Object ? null
            : actual.EnumerateObject().Select(p => Rules(matcher, JsonSerializer.SerializeToElement(p.Name), JsonSerializer.SerializeToElement(p.Name))).FirstOrDefault(r => r is not null),
        "eachValue" => EachValue(matcher, expected, actual),
        _ => null, // contentType, values, statusCode, unknown plugins: nothing this check can decide
    };

    /// <summary>What a matcher needs of a JSON type, for checking it against a schema's types.</summary>
    public static bool IsStringMatcher(string type) => type is "regex" or "date" or "time" or "datetime" or "timestamp" or "include" or "semver";

    private static string? TypeCheck(PactMatcher matcher, JsonElement expected, JsonElement actual)
    {
        if (!SameType(expected, actual))
        {
            return $"{actual.GetRawText()} is not of the type of {expected.GetRawText()}";
        }

        if (actual.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var count = actual.GetArrayLength();
        return matcher.Number("min") is { } min && count < min ? $"an array of {count} item(s), but at least {min} required"
            : matcher.Number("max") is { } max && count > max ? $"an array of {count} item(s), but at most {max} allowed"
            : null;
    }

    private static bool SameType(JsonElement expected, JsonElement actual) =>
        expected.ValueKind == JsonValueKind.Undefined
        || expected.ValueKind == actual.ValueKind
        || (expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False);

    private static string? Formatted(PactMatcher matcher, JsonElement actual)
    {
        var format = matcher.Text("format") ?? (matcher.Type == "date" ? "yyyy-MM-dd" : matcher.Type == "time" ? "HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss");
        return actual.ValueKind == JsonValueKind.String && JavaDateFormat.Parses(actual.GetString()!, format)
            ? null
            : $"{actual.GetRawText()} is not a {matcher.Type} in the format {format}";
    }

    /// <summary>Each variant (an item of the example, by index, with rules of its own) must match some item of the array.</summary>
    private static string? ArrayContains(PactMatcher matcher, JsonElement expected, JsonElement actual)
    {
        if (actual.ValueKind != JsonValueKind.Array)
        {
            return $"{actual.GetRawText()} is not an array";
        }

        if (!matcher.Json.TryGetProperty("variants", out var variants) || variants.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var variant in variants.EnumerateArray())
        {
            var example = variant.TryGetProperty("index", out var i) && i.TryGetInt32(out var index) && expected.ValueKind == JsonValueKind.Array && index < expected.GetArrayLength()
                ? expected[index]
                : variant;
            var rules = variant.TryGetProperty("rules", out var r) && r.ValueKind == JsonValueKind.Object ? MatchingRules.Read(JsonSerializer.SerializeToElement(new { body = r })).Category("body") : new Dictionary<string, List<PactMatcher>>();
            if (!actual.EnumerateArray().Any(item => Variant(item, example, rules)))
            {
                return $"no item of the array matches the variant {example.GetRawText()}";
            }
        }

        return null;
    }

    /// <summary>An item matches a variant when each of the variant's properties is there: by its rule when it has one, else equal.</summary>
    private static bool Variant(JsonElement item, JsonElement example, IReadOnlyDictionary<string, List<PactMatcher>> rules)
    {
        if (example.ValueKind != JsonValueKind.Object)
        {
            return Contains(item, example);
        }

        return item.ValueKind == JsonValueKind.Object && example.EnumerateObject().All(p =>
            item.TryGetProperty(p.Name, out var value)
            && (rules.TryGetValue("$." + p.Name, out var own) ? own.All(m => Check(m, p.Value, value) is null) : Contains(value, p.Value)));
    }

    /// <summary>Whether <paramref name="item"/> holds <paramref name="variant"/>: equal values, objects compared on the variant's keys (extra keys allowed).</summary>
    private static bool Contains(JsonElement item, JsonElement variant) => variant.ValueKind switch
    {
        JsonValueKind.Object => item.ValueKind == JsonValueKind.Object && variant.EnumerateObject().All(p => item.TryGetProperty(p.Name, out var v) && Contains(v, p.Value)),
        JsonValueKind.Array => item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == variant.GetArrayLength() && item.EnumerateArray().Zip(variant.EnumerateArray()).All(p => Contains(p.First, p.Second)),
        _ => JsonElement.DeepEquals(item, variant),
    };

    private static string? EachValue(PactMatcher matcher, JsonElement expected, JsonElement actual)
    {
        var values = actual.ValueKind switch
        {
            JsonValueKind.Object => actual.EnumerateObject().Select(p => p.Value).ToList(),
            JsonValueKind.Array => actual.EnumerateArray().ToList(),
            _ => [],
        };
        var template = expected.ValueKind switch
        {
            JsonValueKind.Object => expected.EnumerateObject().Select(p => p.Value).FirstOrDefault(),
            JsonValueKind.Array => expected.EnumerateArray().FirstOrDefault(),
            _ => default,
        };
        return values.Select(v => Rules(matcher, template, v)).FirstOrDefault(r => r is not null);
    }

    /// <summary>The nested rules of eachKey and eachValue, all of which must accept the value.</summary>
    private static string? Rules(PactMatcher matcher, JsonElement expected, JsonElement actual)
    {
        if (!matcher.Json.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var rule in rules.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
        {
            var type = rule.TryGetProperty("match", out var m) ? m.GetString() : rule.TryGetProperty("pact:matcher:type", out var t) ? t.GetString() : null;
            if (type is not null && Check(new PactMatcher(type, rule), expected, actual) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static bool IsInteger(JsonElement number)
    {
        var raw = number.GetRawText();
        return !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

    private static bool Empty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Semver();
}

/// <summary>Java's <c>DateTimeFormatter</c> patterns (as Pact writes them) read with .NET's exact parsing.</summary>
internal static class JavaDateFormat
{
    public static bool Parses(string value, string javaPattern) =>
        DateTimeOffset.TryParseExact(value, ToDotNet(javaPattern), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out _);

    /// <summary>yyyy, MM, dd, HH, mm, ss and quoted literals mean the same; SSS is fff; X, XX, XXX and Z are offsets ("Z" or +hh:mm).</summary>
    internal static string ToDotNet(string pattern)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c && c != '\'')
            {
                run++;
            }

            switch (c)
            {
                case '\'':
                    var end = pattern.IndexOf('\'', i + 1);
                    end = end < 0 ? pattern.Length - 1 : end;
                    result.Append(pattern, i, end - i + 1);
                    i = end;
                    continue;
                case 'S':
                    result.Append('f', run);
                    break;
                case 'X' or 'x' or 'Z':
                    result.Append('K');
                    break;
                case 'a':
                    result.Append("tt");
                    break;
                case 'u':
                    result.Append('y', run);
                    break;
                default:
                    result.Append(c, run);
                    break;
            }

            i += run - 1;
        }

        return result.ToString();
    }
}
