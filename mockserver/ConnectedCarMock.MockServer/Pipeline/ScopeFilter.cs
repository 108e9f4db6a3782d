using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Filtering scopes: removes from a body what the granted optional scopes do not cover, at any
/// depth (arrays and <c>_embedded</c> items too). Which scope governs a property comes from its
/// <c>x-scope</c> annotation, or, in documents without annotations, from the API's convention:
/// the property at path <c>vehicle.location</c> needs the optional scope ending in <c>vehicle:location</c>.
/// A block is kept when a narrower scope inside it is granted, and then its children without a
/// scope of their own count as the block's. Required properties are never removed.
/// </summary>
internal sealed class ScopeFilter : IStage
{
    private readonly ApiDocument _document;
    private readonly bool _annotated;

    // Keyed by schema pointer: bounded by the document, not by what clients send.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>> _descendants = new(StringComparer.Ordinal);
    private readonly BoundedCache<(Operation Operation, ScopeSet Granted), string> _signatures;

    public ScopeFilter(ApiDocument document, BoundedCache<(Operation Operation, ScopeSet Granted), string> signatures)
    {
        _document = document;
        _signatures = signatures;
        _annotated = PropertyScopes.AreAnnotated(document);
    }

    /// <summary>Filter by scope: marks the body to lose what the granted optional scopes do not cover.</summary>
    public MockResponse? Run(RequestContext context)
    {
        if (context.Body is { Schema: not null } body && context.Granted is { } granted)
        {
            body.FilterWith(this, context.Operation, granted, Signature(context.Operation, granted));
        }

        return null;
    }

    /// <summary>The part of the granted scopes that changes this operation's bodies: a cache key (memoized: it is on the hot path).</summary>
    public string Signature(Operation operation, ScopeSet granted)
    {
        if (operation.OptionalScopes.Count == 0)
        {
            return string.Empty;
        }

        return _signatures.GetOrAdd((operation, granted), static key =>
            string.Join(' ', key.Granted.Names.Where(g => key.Operation.OptionalScopes.Any(o => Scope.Related(g, o))).Order(StringComparer.Ordinal)));
    }

    public void Apply(JsonNode? body, Schema schema, Operation operation, ScopeSet granted)
    {
        if (operation.OptionalScopes.Count > 0)
        {
            Walk(body, _document.View(schema), [], operation, granted, inherited: null);
        }
    }

    /// <param name="inherited">The scope of a partly visible block: its children without a scope of their own need it.</param>
    private void Walk(JsonNode? node, SchemaView view, List<string> path, Operation operation, ScopeSet granted, string? inherited)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (view.Property(name) is not { } property)
                    {
                        continue;
                    }

                    var child = _document.View(property.Schema);
                    var childPath = PropertyScopes.PathOf(path, name, value);
                    var own = PropertyScopes.Of(child, childPath, operation, _annotated);
                    var scope = own ?? inherited;
                    if (scope is null || granted.Covers(scope) || !operation.OptionalScopes.Any(o => Scope.Related(scope, o)))
                    {
                        Walk(value, child, childPath, operation, granted, inherited: null);
                    }
                    else if (own is not null && IsOpenedBy(child, own, granted))
                    {
                        // A narrower scope inside the block is granted: keep the block, filter what is in it.
                        Walk(value, child, childPath, operation, granted, inherited: scope);
                    }
                    else if (!property.Required)
                    {
                        obj.Remove(name);
                    }
                }

                break;
            case JsonArray array when view.Items is { } items:
                var itemView = _document.View(items);
                foreach (var item in array)
                {
                    Walk(item, itemView, path, operation, granted, inherited);
                }

                break;
        }
    }

    /// <summary>Whether a granted scope governs something inside a block the granted scopes do not cover as a whole.</summary>
    private bool IsOpenedBy(SchemaView block, string scope, ScopeSet granted)
    {
        var within = granted.Names.Where(g => g != scope && Scope.Parse(scope).Covers(Scope.Parse(g))).ToList();
        if (within.Count == 0)
        {
            return false;
        }

        // By convention a narrower scope names a block inside; an annotated document says where it is.
        return !_annotated || DescendantScopes(block).Any(d => within.Any(g => Scope.Related(g, d)));
    }

    private IReadOnlySet<string> DescendantScopes(SchemaView view) =>
        _descendants.GetOrAdd(view.Source.Pointer, _ =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            Collect(view, found, new HashSet<string>(StringComparer.Ordinal), depth: 0);
            return found;
        });

    private void Collect(SchemaView view, HashSet<string> found, HashSet<string> visited, int depth)
    {
        if (depth > 12 || !visited.Add(view.Source.Pointer))
        {
            return;
        }

        foreach (var property in view.Properties)
        {
            var child = _document.View(property.Schema);
            if (child.Scope is { } scope)
            {
                found.Add(scope);
            }

            Collect(child, found, visited, depth + 1);
        }

        if (view.Items is { } items)
        {
            Collect(_document.View(items), found, visited, depth + 1);
        }
    }
}
