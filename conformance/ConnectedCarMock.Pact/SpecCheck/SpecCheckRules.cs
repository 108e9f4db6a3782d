using System.Globalization;
using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Holds a pact to its own matching rules, as the engine will at verification: every example value under a
/// rule (body paths, headers, query parameters) must satisfy it. An example its own rule rejects means the
/// provider cannot pass either: a <c>max: 1</c> on an array of five, a <c>semver</c> on a VIN, a regex that
/// only matches part of the value.
/// </summary>
internal static class SpecCheckRules
{
    public static void Check(SpecCheckContext context, PactMessage message, string side, string? bodyPointer = null)
    {
        if (message.Body is { } body)
        {
            foreach (var (path, matchers) in message.Rules.Category("body"))
            {
                if (SpecCheckBodies.Tokens(path) is not { } tokens)
                {
                    continue;
                }

                foreach (var (value, pointer) in At(body, tokens, bodyPointer ?? $"/{side}/body"))
                {
                    Each(context, matchers, value, pointer, path);
                }
            }
        }

        foreach (var (category, values, part) in new[] { ("header", message.Headers, "headers"), ("query", message.Query, "query") })
        {
            foreach (var (name, matchers) in message.Rules.Category(category))
            {
                var entry = values.FirstOrDefault(v => string.Equals(v.Key, name, category == "header" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                foreach (var (value, index) in (entry.Value ?? []).Select((v, i) => (v, i)))
                {
                    var pointer = $"/{side}/{part}/{SpecCheckContext.Token(name)}" + (entry.Value!.Count > 1 ? "/" + index.ToString(CultureInfo.InvariantCulture) : string.Empty);
                    Each(context, matchers, JsonSerializer.SerializeToElement(value), pointer, name);
                }
            }
        }
    }

    /// <summary>A rule on the response's Content-Type must accept the documented media type, or no provider can pass.</summary>
    public static void CheckMediaTypeRule(SpecCheckContext context, PactMessage response, string documented)
    {
        var rules = response.Rules.Category("header").FirstOrDefault(r => r.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? [];
        foreach (var matcher in rules)
        {
            var sent = JsonSerializer.SerializeToElement(documented);
            if (PactMatcherRules.Check(matcher, sent, sent) is { } reason)
            {
                context.Add(PactMismatchKind.IncompatibleMatcher, "/response/headers/Content-Type", $"rule on Content-Type rejects the documented {documented}: {reason}");
            }
        }
    }

    private static void Each(SpecCheckContext context, IReadOnlyList<PactMatcher> matchers, JsonElement value, string pointer, string rule)
    {
        foreach (var matcher in matchers)
        {
            if (!context.Has(PactMismatchKind.IncompatibleMatcher, pointer) && PactMatcherRules.Check(matcher, value, value) is { } reason)
            {
                context.Add(PactMismatchKind.IncompatibleMatcher, pointer, $"rule {rule} ({matcher.Type}) rejects the pact's own example: {reason}");
            }
        }
    }

    /// <summary>The values a rule path selects in an example, with their JSON pointers.</summary>
    private static IEnumerable<(JsonElement Value, string Pointer)> At(JsonElement root, IReadOnlyList<string> tokens, string pointer)
    {
        IEnumerable<(JsonElement, string)> current = [(root, pointer)];
        foreach (var token in tokens)
        {
            current = current.SelectMany(c => Step(c.Item1, c.Item2, token)).ToList();
        }

        return current;
    }

    private static IEnumerable<(JsonElement, string)> Step(JsonElement value, string pointer, string token)
    {
        if (token == "*")
        {
            return value.ValueKind switch
            {
                JsonValueKind.Array => value.EnumerateArray().Select((v, i) => (v, $"{pointer}/{i.ToString(CultureInfo.InvariantCulture)}")),
                JsonValueKind.Object => value.EnumerateObject().Select(p => (p.Value, $"{pointer}/{SpecCheckContext.Token(p.Name)}")),
                _ => [],
            };
        }

        if (value.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < value.GetArrayLength() ? [(value[index], $"{pointer}/{token}")] : [];
        }

        return value.ValueKind == JsonValueKind.Object && value.TryGetProperty(token, out var child) ? [(child, $"{pointer}/{SpecCheckContext.Token(token)}")] : [];
    }
}
