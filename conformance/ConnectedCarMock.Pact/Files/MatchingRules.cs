using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>One matcher of a pact: its type (<c>type</c>, <c>regex</c>, <c>integer</c>...) and its JSON attributes.</summary>
internal sealed record PactMatcher(string Type, JsonElement Json)
{
    public string? Text(string name) => Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public int? Number(string name) => Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}

/// <summary>
/// The matching rules of a request or response by category (<c>body</c>, <c>header</c>, <c>query</c>,
/// <c>path</c>, <c>status</c>), each mapping a rule path (<c>$.a[*].b</c>, a header name) to its matchers.
/// V2's flat <c>$.body.a</c> keys are folded into the same shape.
/// </summary>
internal sealed class MatchingRules
{
    private readonly Dictionary<string, Dictionary<string, List<PactMatcher>>> _categories = new(StringComparer.OrdinalIgnoreCase);

    public static MatchingRules None { get; } = new();

    public IReadOnlyDictionary<string, List<PactMatcher>> Category(string name) =>
        _categories.TryGetValue(name, out var rules) ? rules : new Dictionary<string, List<PactMatcher>>();

    public static MatchingRules Read(JsonElement json)
    {
        var rules = new MatchingRules();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return rules;
        }

        foreach (var entry in json.EnumerateObject())
        {
            if (entry.Name.StartsWith("$.", StringComparison.Ordinal))
            {
                rules.ReadV2(entry.Name, entry.Value);
            }
            else if (entry.Value.ValueKind == JsonValueKind.Object)
            {
                // V3 "path" holds the rule itself; other categories hold rules by path or name.
                if (entry.Value.TryGetProperty("matchers", out _))
                {
                    rules.Add(entry.Name, "$", entry.Value);
                    continue;
                }

                foreach (var rule in entry.Value.EnumerateObject())
                {
                    rules.Add(entry.Name, rule.Name, rule.Value);
                }
            }
        }

        return rules;
    }

    private void ReadV2(string key, JsonElement rule)
    {
        var (category, path) = key switch
        {
            _ when key == "$.body" => ("body", "$"),
            _ when key.StartsWith("$.body", StringComparison.Ordinal) => ("body", "$" + key["$.body".Length..]),
            _ when key.StartsWith("$.headers.", StringComparison.Ordinal) => ("header", key["$.headers.".Length..]),
            _ when key.StartsWith("$.query.", StringComparison.Ordinal) => ("query", key["$.query.".Length..]),
            _ when key == "$.path" => ("path", "$"),
            _ => ("other", key),
        };
        Add(category, path, rule);
    }

    private void Add(string category, string path, JsonElement rule)
    {
        // V4 messages may file the rules of their contents under "content"; they are the body's rules.
        category = category.Equals("content", StringComparison.OrdinalIgnoreCase) ? "body" : category;
        if (!_categories.TryGetValue(category, out var byPath))
        {
            _categories[category] = byPath = new Dictionary<string, List<PactMatcher>>(StringComparer.Ordinal);
        }

        if (!byPath.TryGetValue(path, out var matchers))
        {
            byPath[path] = matchers = [];
        }

        var list = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("matchers", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray()
            : new[] { rule }.AsEnumerable();
        foreach (var matcher in list.Where(x => x.ValueKind == JsonValueKind.Object))
        {
            var type = matcher.TryGetProperty("match", out var t) ? t.GetString() ?? "equality"
                : matcher.TryGetProperty("regex", out _) ? "regex" : "type";
            matchers.Add(new PactMatcher(type, matcher.Clone()));
        }
    }
}
