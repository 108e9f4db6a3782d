using System.Text.RegularExpressions;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>The documented operation an interaction calls, with the values of its path parameters.</summary>
internal sealed record ResolvedOperation(Operation Operation, IReadOnlyDictionary<string, string> PathValues);

/// <summary>
/// Finds the operation of a request: its path may include the document's base path or omit it; templates
/// match segment by segment, and when several match (<c>/trips/{tid}</c> and <c>/trips/latest</c>) the one
/// with the most literal text wins, as routers do.
/// </summary>
internal static class SpecCheckOperations
{
    private static readonly Regex s_placeholder = new(@"^(\{[^}]*\}|:[A-Za-z_]\w*|<[^>]*>)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static ResolvedOperation? Resolve(SpecCheckContext context)
    {
        var document = context.Document;
        var interaction = context.Interaction;
        var path = interaction.Path.Split('?', 2)[0];
        var candidates = new List<string>();
        if (document.BasePath.Length > 0 && (path == document.BasePath || path.StartsWith(document.BasePath + "/", StringComparison.Ordinal)))
        {
            candidates.Add(path.Length == document.BasePath.Length ? "/" : path[document.BasePath.Length..]);
        }

        candidates.Add(path);
        var matches = candidates
            .SelectMany(candidate => document.Operations
                .Select(o => (Operation: o, Values: Match(o.Path, candidate)))
                .Where(m => m.Values is not null))
            .ToList();
        if (matches.Count == 0)
        {
            var where = document.BasePath.Length > 0 ? $" (with or without the base path {document.BasePath})" : string.Empty;
            context.Add(PactMismatchKind.UnknownPath, "/request/path", $"no operation of the document has the path {path}{where}");
            return null;
        }

        var byMethod = matches.Where(m => m.Operation.Method.Equals(interaction.Method, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byMethod.Count == 0)
        {
            var template = matches.OrderByDescending(m => Literal(m.Operation.Path)).First().Operation.Path;
            var allowed = matches.Where(m => m.Operation.Path == template).Select(m => m.Operation.Method).Distinct().Order(StringComparer.Ordinal);
            context.Add(PactMismatchKind.MethodNotAllowed, "/request/method",
                $"{interaction.Method} is not documented for {template}; documented methods: {string.Join(", ", allowed)}");
            return null;
        }

        var best = byMethod.OrderByDescending(m => Literal(m.Operation.Path)).First();
        var resolved = new ResolvedOperation(best.Operation, best.Values!);
        CheckPathParameters(context, resolved);
        return resolved;
    }

    /// <summary>The template's parameter values when <paramref name="path"/> fits it, else null.</summary>
    internal static Dictionary<string, string>? Match(string template, string path)
    {
        var names = new List<string>();
        var pattern = "^" + Regex.Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), @"\{([^}/]+)\}", m =>
        {
            names.Add(m.Groups[1].Value);
            return $"(?<p{names.Count - 1}>[^/]+)";
        }, RegexOptions.None, TimeSpan.FromSeconds(1)) + "/?$";
        var match = Regex.Match(path, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            values[names[i]] = Uri.UnescapeDataString(match.Groups["p" + i].Value);
        }

        return values;
    }

    private static void CheckPathParameters(SpecCheckContext context, ResolvedOperation resolved)
    {
        foreach (var (name, value) in resolved.PathValues)
        {
            var pointer = "/request/path";
            if (s_placeholder.IsMatch(value))
            {
                context.Add(PactMismatchKind.InvalidPathParameter, pointer,
                    $"path parameter '{name}' of {resolved.Operation.Path} is the unfilled placeholder '{value}', not a value");
                continue;
            }

            var parameter = resolved.Operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name);
            if (parameter?.Schema is { } schema)
            {
                foreach (var error in SpecCheckValues.Validate(context.Document, schema, [value]))
                {
                    context.Add(PactMismatchKind.InvalidPathParameter, pointer, $"path parameter '{name}' = '{value}': {error}");
                }
            }
        }
    }

    private static int Literal(string template) => Regex.Replace(template, @"\{[^}]*\}", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1)).Length;
}
