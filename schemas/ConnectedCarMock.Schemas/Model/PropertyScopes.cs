using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Which optional scope governs a property of an answer, as the document says it: the property's <c>x-scope</c>
/// annotation where the document has them, otherwise the filtering-scope convention of documents without
/// annotations (the published Connected Car document): the property at path <c>vehicle.location</c> of a resource
/// needs the operation's optional scope whose last segments spell that path (<c>...:vehicle:location</c>), singular
/// or plural. Items under <c>_embedded</c> are resources of their own. Only what the document says: what to do
/// with a governed property (the mock's filter, the runner's oracle) is for each of them to decide.
/// Not to be confused with <see cref="Loading.RequiredScopeProse"/>, which reads which scopes an operation requires.
/// </summary>
internal static class PropertyScopes
{
    /// <summary>Whether the document annotates properties with <c>x-scope</c> (then the convention does not apply).</summary>
    public static bool AreAnnotated(ApiDocument document) =>
        document.Schemas.Values.Any(s => s.Json.GetRawText().Contains("\"x-scope\"", StringComparison.Ordinal));

    /// <summary>The scope governing a property (its view, and its path from <see cref="PathOf"/>); null when none does.</summary>
    public static string? Of(SchemaView property, List<string> path, Operation operation, bool annotated) =>
        annotated ? property.Scope : Governing(path, operation);

    /// <summary>The path of a property from its resource's root, given its parent's path.</summary>
    public static List<string> PathOf(List<string> parent, string name, JsonNode? value) =>
        name == "_embedded" || (parent.Count == 1 && parent[0] == "_embedded" && value is JsonArray)
            ? ["_embedded"]
            : [.. parent.Where(p => p != "_embedded"), name];

    /// <summary>The longest optional scope of the operation that governs the path; null when none does.</summary>
    public static string? Governing(List<string> path, Operation operation)
    {
        if (path.Count == 0 || path[0] == "_embedded" || path[^1].StartsWith('_'))
        {
            return null;
        }

        string? best = null;
        foreach (var optional in operation.OptionalScopes)
        {
            var segments = Scope.Parse(optional).Resource;
            if (segments.Count < path.Count)
            {
                continue;
            }

            var tail = segments.Skip(segments.Count - path.Count);
            if (tail.Zip(path).All(p => Same(p.First, p.Second)) && (best is null || optional.Length > best.Length))
            {
                best = optional;
            }
        }

        return best;
    }

    private static bool Same(string segment, string property) =>
        string.Equals(segment, property, StringComparison.OrdinalIgnoreCase)
        || string.Equals(segment + "s", property, StringComparison.OrdinalIgnoreCase);
}
