using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Swagger 2.0 allows definition names of any characters (<c>Date Range</c>, <c>'CreateMessage'JSONRequest</c>,
/// <c>EntitiesResponse[Grant]</c>); OpenAPI 3 keys allow letters, digits, '.', '-' and '_'. Such keys are
/// renamed (other characters become '_'), their <c>$ref</c>s and security requirements follow, and the
/// name as written is kept for messages (<see cref="ApiDocument.OriginalSchemaNames"/>).
/// </summary>
internal sealed partial class ComponentKeys : DocumentRepair
{
    public override string Code => "component-key";

    public override string Summary => "renames component keys with characters OpenAPI 3 does not allow to valid keys; their $refs follow and the written name is kept for messages";

    public override void Apply(JsonObject root, RepairContext context)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal); // old component pointer -> new
        var schemes = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = context.IsSwagger2
            ? OpenApiShape.Swagger2Sections.Select(s => "/" + s)
            : OpenApiShape.Oas3Sections.Select(s => "/components/" + s);
        foreach (var sectionPointer in sections)
        {
            if (Pointers.Resolve(root, sectionPointer) is not JsonObject section || section.All(p => ValidKey().IsMatch(p.Key)))
            {
                continue;
            }

            var entries = section.ToList();
            var taken = entries.Select(p => p.Key).Where(k => ValidKey().IsMatch(k)).ToHashSet(StringComparer.Ordinal);
            section.Clear();
            foreach (var (key, value) in entries)
            {
                var newKey = key;
                if (!ValidKey().IsMatch(key))
                {
                    newKey = Unique(Sanitize(key), taken);
                    var oldPointer = Pointers.Append(sectionPointer, key);
                    renamed[oldPointer] = Pointers.Append(sectionPointer, newKey);
                    Remember(sectionPointer, key, newKey, context, schemes);
                    context.Report(this, oldPointer, $"renamed '{key}' to '{newKey}' (component keys allow letters, digits, '.', '-' and '_'); its $refs follow");
                }

                section[newKey] = value;
            }
        }

        if (renamed.Count > 0)
        {
            RewriteRefs(root, renamed);
            RenameRequirements(root, schemes);
        }
    }

    /// <summary>The key with every run of other characters replaced by '_' (none added at the ends).</summary>
    internal static string Sanitize(string key)
    {
        var result = InvalidRun().Replace(key, "_");
        result = key.StartsWith('_') ? result : result.TrimStart('_');
        result = key.EndsWith('_') ? result : result.TrimEnd('_');
        return result.Length == 0 ? "component" : result;
    }

    private static string Unique(string key, HashSet<string> taken)
    {
        var candidate = key;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{key}_{n}";
        }

        return candidate;
    }

    private static void Remember(string section, string key, string newKey, RepairContext context, Dictionary<string, string> schemes)
    {
        if (section is "/definitions" or "/components/schemas")
        {
            context.RenamedSchemas[newKey] = key;
        }
        else if (section is "/securityDefinitions" or "/components/securitySchemes")
        {
            schemes[key] = newKey;
        }
    }

    private static void RewriteRefs(JsonObject root, Dictionary<string, string> renamed)
    {
        foreach (var site in RefSites.All(root))
        {
            if (Pointers.FromLocalRef(site.Reference) is not { } target)
            {
                continue;
            }

            var tokens = Pointers.Tokens(target);
            var depth = tokens.Count > 0 && tokens[0] == "components" ? 3 : 2;
            if (tokens.Count < depth)
            {
                continue;
            }

            var component = "/" + string.Join('/', tokens.Take(depth).Select(Pointers.Escape));
            if (renamed.TryGetValue(component, out var newPointer))
            {
                site.Rewrite(Pointers.ToRef(newPointer + target[component.Length..]));
            }
        }
    }

    /// <summary>Security requirements name schemes by key, not by $ref.</summary>
    private static void RenameRequirements(JsonObject root, Dictionary<string, string> schemes)
    {
        if (schemes.Count == 0)
        {
            return;
        }

        var lists = new List<JsonNode?> { root["security"] };
        if (root["paths"] is JsonObject paths)
        {
            lists.AddRange(paths.Select(p => p.Value).OfType<JsonObject>()
                .SelectMany(item => OpenApiShape.Methods.Select(m => (item[m] as JsonObject)?["security"])));
        }

        foreach (var requirement in lists.OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>())
        {
            foreach (var (key, scopes) in requirement.ToList())
            {
                if (schemes.TryGetValue(key, out var newKey))
                {
                    requirement.Remove(key);
                    requirement[newKey] = scopes;
                }
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\.\-_]+$")]
    private static partial Regex ValidKey();

    [GeneratedRegex(@"[^a-zA-Z0-9\.\-_]+")]
    private static partial Regex InvalidRun();
}
