using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;
using ConnectedCarMock.Schemas.Loading;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>A property of a body that an optional scope governs.</summary>
internal sealed record GovernedProperty(string Pointer, string Scope, bool Required);

/// <summary>
/// Which properties of an answer belong to which optional scope: from <c>x-scope</c> annotations
/// where the document has them, otherwise from the API's convention (the property at path
/// <c>vehicle.location</c> belongs to the optional scope ending in <c>vehicle:location</c>; items
/// under <c>_embedded</c> start a path of their own). Only properties the schema declares count.
/// </summary>
internal sealed class ScopeMap
{
    private readonly ApiDocument _document;
    private readonly bool _annotated;

    public ScopeMap(ApiDocument document)
    {
        _document = document;
        _annotated = PropertyScopes.AreAnnotated(document);
    }

    /// <summary>Every present property governed by a scope related to one of the operation's optional scopes.</summary>
    public IReadOnlyList<GovernedProperty> Governed(JsonNode? body, Schema schema, Operation operation)
    {
        var found = new List<GovernedProperty>();
        Walk(body, _document.View(schema), [], string.Empty, operation, found, depth: 0);
        return found;
    }

    /// <summary>
    /// Properties present although neither the granted scopes cover their scope nor a granted scope
    /// lies inside it (a block stays when a narrower scope within it is granted). Required ones never count.
    /// </summary>
    public static IReadOnlyList<GovernedProperty> Leaks(IEnumerable<GovernedProperty> present, IReadOnlyCollection<string> granted)
    {
        var grantedSet = new ScopeSet(granted);
        return present.Where(p => !p.Required && !grantedSet.Covers(p.Scope) && !granted.Any(g => Scope.Parse(p.Scope).Covers(Scope.Parse(g))))
            .ToList();
    }

    private void Walk(JsonNode? node, SchemaView view, List<string> path, string pointer, Operation operation, List<GovernedProperty> found, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (view.Property(name) is not { } property)
                    {
                        continue;
                    }

                    var child = _document.View(property.Schema);
                    var childPath = PropertyScopes.PathOf(path, name, value);
                    var at = Pointers.Append(pointer, name);
                    var scope = PropertyScopes.Of(child, childPath, operation, _annotated);
                    if (scope is not null && operation.OptionalScopes.Any(o => Scope.Related(scope, o)))
                    {
                        found.Add(new GovernedProperty(at, scope, property.Required));
                    }

                    Walk(value, child, childPath, at, operation, found, depth + 1);
                }

                break;
            case JsonArray array when view.Items is { } items:
                var itemView = _document.View(items);
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], itemView, path, $"{pointer}/{i}", operation, found, depth + 1);
                }

                break;
        }
    }
}
