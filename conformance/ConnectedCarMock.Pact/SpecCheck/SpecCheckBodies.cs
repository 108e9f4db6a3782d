using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnectedCarMock.Schemas;
using RegexMatch = System.Text.RegularExpressions.Match;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Walks a pact body alongside the schema's effective shape (<see cref="ApiDocument.View"/>): every property
/// the consumer declares must be documented, and every matching rule must accept what the schema promises.
/// </summary>
internal static class SpecCheckBodies
{
    private const int MaxDepth = 64;

    public static void FlagUndocumented(SpecCheckContext context, JsonElement body, Schema schema, string pointer, string consequence) =>
        Walk(context, body, schema, pointer, consequence, 0);

    public static void CheckMatchers(SpecCheckContext context, MatchingRules rules, Schema schema, string pointer)
    {
        foreach (var (path, matchers) in rules.Category("body"))
        {
            if (Tokens(path) is not { } tokens || Resolve(context.Document, schema, tokens) is not { } target)
            {
                continue; // an undocumented property is reported by the walk; an unreadable path is left to the engine
            }

            var view = context.Document.View(target);
            var at = pointer + string.Concat(tokens.Select(t => "/" + (t == "*" ? "0" : SpecCheckContext.Token(t))));
            foreach (var matcher in matchers)
            {
                if (Incompatibility(view, matcher) is { } reason)
                {
                    context.Add(PactMismatchKind.IncompatibleMatcher, at, $"rule {path}: {reason} ({SpecCheckContext.NameOf(target)})");
                }
            }
        }
    }

    private static void Walk(SpecCheckContext context, JsonElement value, Schema schema, string pointer, string consequence, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var document = context.Document;
        var view = document.View(schema);
        if (value.ValueKind == JsonValueKind.Object && (view.Types.Count == 0 || view.Is("object") || Branches(view).Any()))
        {
            foreach (var property in value.EnumerateObject())
            {
                var (documented, child) = Property(document, view, property.Name, 0);
                var at = pointer + "/" + SpecCheckContext.Token(property.Name);
                if (!documented)
                {
                    context.Add(PactMismatchKind.UndocumentedProperty, at,
                        $"'{property.Name}' is not documented by {SpecCheckContext.NameOf(schema)}: {consequence}");
                }
                else if (child is not null)
                {
                    Walk(context, property.Value, child, at, consequence, depth + 1);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && Items(document, view) is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Walk(context, item, items, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), consequence, depth + 1);
                index++;
            }
        }
    }

    /// <summary>Whether the schema documents a property (declared, required, in a oneOf/anyOf branch, or a map value), and its schema.</summary>
    private static (bool Documented, Schema? Schema) Property(ApiDocument document, SchemaView view, string name, int depth)
    {
        if (view.Property(name) is { } declared)
        {
            return (true, declared.Schema);
        }

        if (view.Required.Contains(name))
        {
            return (true, null);
        }

        foreach (var branch in depth < 8 ? Branches(view) : [])
        {
            var found = Property(document, document.View(branch), name, depth + 1);
            if (found.Documented)
            {
                return found;
            }
        }

        if (view.AdditionalPropertiesSchema is { } values)
        {
            return (true, values);
        }

        // A free-form object (no properties, no branches, extra properties not forbidden) documents any name.
        var freeForm = view.Properties.Count == 0 && !Branches(view).Any() && view.AdditionalProperties?.ValueKind != JsonValueKind.False;
        return (view.AdditionalProperties?.ValueKind == JsonValueKind.True || freeForm, null);
    }

    private static Schema? Items(ApiDocument document, SchemaView view) =>
        view.Items ?? Branches(view).Select(b => document.View(b).Items).FirstOrDefault(i => i is not null);

    private static IEnumerable<Schema> Branches(SchemaView view) => view.OneOf.Concat(view.AnyOf);

    /// <summary>The schema a rule path points at (<c>$._embedded.vehicles[*].vin</c>), or null when it leaves the documented shape.</summary>
    private static Schema? Resolve(ApiDocument document, Schema schema, IReadOnlyList<string> tokens)
    {
        var current = schema;
        foreach (var token in tokens)
        {
            var view = document.View(current);
            var next = token == "*" || int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? Items(document, view) ?? view.AdditionalPropertiesSchema
                : Property(document, view, token, 0).Schema;
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The tokens of a rule path: <c>$.a[*].b['c-d']</c> → a, *, b, c-d. Null when it is not a path we can read.</summary>
    internal static IReadOnlyList<string>? Tokens(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var tokens = new List<string>();
        var matches = Regex.Matches(path[1..], @"\.(?<name>[^.\[\]]+)|\[(?<index>\*|\d+)\]|\['(?<quoted>[^']*)'\]", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (string.Concat(matches.Select(m => m.Value)) != path[1..])
        {
            return null;
        }

        foreach (RegexMatch match in matches)
        {
            tokens.Add(match.Groups["name"].Success ? match.Groups["name"].Value
                : match.Groups["index"].Success ? match.Groups["index"].Value
                : match.Groups["quoted"].Value);
        }

        return tokens;
    }

    private static string? Incompatibility(SchemaView view, PactMatcher matcher)
    {
        if (view.Types.Count == 0)
        {
            return null; // unconstrained: nothing to disagree with
        }

        var types = string.Join("|", view.Types);
        bool Is(string type) => view.Is(type);
        return matcher.Type switch
        {
            "integer" when Is("integer") => null,
            "integer" when Is("number") => "an integer matcher on a number: the provider may send fractions the consumer rejects",
            "integer" => $"an integer matcher on a {types}",
            "decimal" when Is("number") => null,
            "decimal" when Is("integer") => "a decimal matcher on an integer: the provider only sends integers, which a decimal matcher rejects",
            "decimal" => $"a decimal matcher on a {types}",
            "number" when Is("number") || Is("integer") => null,
            "number" => $"a number matcher on a {types}",
            "boolean" when !Is("boolean") => $"a boolean matcher on a {types}",
            var type when PactMatcherRules.IsStringMatcher(type) && !Is("string") => $"a {matcher.Type} matcher on a {types}",
            "regex" => RegexAgainstEnum(view, matcher.Text("regex")),
            "date" or "time" or "datetime" or "timestamp" => FormatAgainstSchema(view, matcher),
            "null" when !view.IsNullable => $"a null matcher on a property that is never null ({types})",
            "type" when matcher.Number("min") is { } min && view.MaxItems is { } max && min > max =>
                $"at least {min} item(s) required, but the document allows at most {max}",
            "type" when matcher.Number("max") is { } max && view.MinItems is { } min && max < min =>
                $"at most {max} item(s) allowed, but the document promises at least {min}",
            _ => null,
        };
    }

    /// <summary>A date/time matcher must accept what the document's format promises (a date matcher on a date-time cannot pass).</summary>
    private static string? FormatAgainstSchema(SchemaView view, PactMatcher matcher)
    {
        string? sample = view.Format switch
        {
            "date-time" => "2024-05-14T08:20:25Z",
            "date" => "2024-05-14",
            "time" => "08:20:25Z",
            _ => null,
        };
        return sample is not null && PactMatcherRules.Check(matcher, default, JsonSerializer.SerializeToElement(sample)) is { } reason
            ? $"the document's format {view.Format} is not what the matcher accepts: {reason}"
            : null;
    }

    private static string? RegexAgainstEnum(SchemaView view, string? regex)
    {
        if (regex is null || view.Enum.Count == 0)
        {
            return null;
        }

        var rejected = view.Enum.Where(e => e.ValueKind == JsonValueKind.String && !PactRegex.IsFullMatch(e.GetString()!, regex))
            .Select(e => e.GetString()).ToList();
        return rejected.Count == 0 ? null : $"the regular expression {regex} rejects documented value(s) {string.Join(", ", rejected)}";
    }
}
