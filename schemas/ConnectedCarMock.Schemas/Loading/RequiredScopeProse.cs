using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// Writes the published document's prose conventions as <c>x-scopes</c> annotations:
/// required scopes are marked by an inline <c>#Required</c> comment on the scope in the
/// security list, and restated in a <c>| Scope Name | Mandatory State |</c> table in the
/// operation description. A YAML parser drops comments, so this runs on what the reader kept.
/// (Which scope governs a property of an answer is <see cref="PropertyScopes"/>.)
/// </summary>
internal static partial class RequiredScopeProse
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static void Apply(JsonObject root, SourceMap map, List<SpecDiagnostic> repairs)
    {
        var operations = FindOperations(root, string.Empty).ToList();
        var documentUsesMarks = map.RequiredMarks.Count > 0 || operations.Any(o => ScopeTable(o.Operation).Count > 0);
        if (!documentUsesMarks)
        {
            return;
        }

        foreach (var (pointer, operation) in operations)
        {
            if (operation.ContainsKey("x-scopes"))
            {
                continue;
            }

            var listed = new List<string>();
            var required = new List<string>();
            if (operation["security"] is JsonArray security)
            {
                for (var r = 0; r < security.Count; r++)
                {
                    if (security[r] is not JsonObject requirement)
                    {
                        continue;
                    }

                    foreach (var (scheme, scopes) in requirement)
                    {
                        if (scopes is not JsonArray list)
                        {
                            continue;
                        }

                        for (var s = 0; s < list.Count; s++)
                        {
                            var scope = list[s]?.ToString();
                            if (string.IsNullOrEmpty(scope))
                            {
                                continue;
                            }

                            Add(listed, scope);
                            var scalar = $"{pointer}/security/{r}/{Pointers.Escape(scheme)}/{s}";
                            if (map.RequiredMarks.Contains(scalar))
                            {
                                Add(required, scope);
                            }
                        }
                    }
                }
            }

            foreach (var (scope, mandatory) in ScopeTable(operation))
            {
                Add(listed, scope);
                if (mandatory)
                {
                    Add(required, scope);
                }
            }

            if (listed.Count == 0)
            {
                continue;
            }

            operation["x-scopes"] = new JsonObject
            {
                ["required"] = new JsonArray(required.Select(s => (JsonNode?)s).ToArray()),
                ["optional"] = new JsonArray(listed.Except(required, StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray()),
            };
            repairs.Add(new SpecDiagnostic(
                "scopes-from-comments",
                pointer,
                $"x-scopes derived from #Required comments and the scope table: {required.Count} required, {listed.Count - required.Count} optional"));
        }
    }

    private static void Add(List<string> list, string scope)
    {
        if (!list.Contains(scope, StringComparer.Ordinal))
        {
            list.Add(scope);
        }
    }

    internal static IReadOnlyList<(string Scope, bool Required)> ScopeTable(JsonObject operation)
    {
        var description = operation["description"]?.ToString();
        if (string.IsNullOrEmpty(description))
        {
            return [];
        }

        return ScopeRow().Matches(description)
            .Select(m => (m.Groups["scope"].Value.Trim(), m.Groups["state"].Value.Equals("Required", StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Operation objects anywhere in the tree (path items may live in vendor sections until refs are inlined).</summary>
    private static IEnumerable<(string Pointer, JsonObject Operation)> FindOperations(JsonNode? node, string pointer)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (key, child) in obj)
        {
            var childPointer = Pointers.Append(pointer, key);
            if (Methods.Contains(key) && child is JsonObject op && (op.ContainsKey("responses") || op.ContainsKey("operationId")))
            {
                yield return (childPointer, op);
            }
            else if (key is not ("components" or "definitions" or "info") || pointer.Length > 0)
            {
                foreach (var found in FindOperations(child, childPointer))
                {
                    yield return found;
                }
            }
        }
    }

    [GeneratedRegex(@"^\s*\|\s*(?<scope>[A-Za-z][A-Za-z0-9_:.\-]*)\s*\|\s*(?<state>Required|Optional)\s*\|", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ScopeRow();
}
