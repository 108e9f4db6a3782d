using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace ConnectedCarMock.Schemas;

/// <summary>Builds and caches <see cref="SchemaView"/>s for one document.</summary>
internal sealed partial class SchemaViews(ApiDocument document)
{
    private const int MaxParts = 64;

    private readonly ConcurrentDictionary<string, SchemaView> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Schema> _intersections = new(StringComparer.Ordinal);

    public SchemaView View(Schema schema) =>
        _cache.TryGetValue(schema.Pointer, out var cached) ? cached : _cache.GetOrAdd(schema.Pointer, _ => Build(schema, [], []));

    public SchemaView Decided(SchemaView view, IReadOnlyList<Schema> chosen)
    {
        IReadOnlyList<Schema> all = [.. view.Chosen, .. chosen];
        var key = view.Source.Pointer + "|" + string.Join('|', all.Select(c => c.Pointer));
        return _cache.GetOrAdd(key, _ =>
        {
            // The alternatives of the schema and of branches chosen before are decided; those of new branches are not.
            var decided = Flattened(view.Source).Select(p => p.Pointer).ToHashSet(StringComparer.Ordinal);
            foreach (var earlier in view.Chosen)
            {
                decided.UnionWith(Flattened(earlier).Select(p => p.Pointer));
            }

            var result = Build(view.Source, all, decided);
            result.Chosen = all;
            return result;
        });
    }

    public Schema Intersect(IReadOnlyList<Schema> schemas)
    {
        if (schemas.Count == 1)
        {
            return schemas[0];
        }

        var key = string.Join('&', schemas.Select(s => s.Pointer));
        return _intersections.GetOrAdd(key, _ => Synthetic(schemas, key));
    }

    /// <summary>The schema and everything it is made of through <c>$ref</c> and <c>allOf</c>.</summary>
    private List<Schema> Flattened(Schema schema)
    {
        var parts = new List<Schema>();
        Flatten(schema, parts, []);
        return parts;
    }

    /// <param name="chosen">Schemas intersected in (decided alternatives), themselves flattened.</param>
    /// <param name="decided">Parts whose oneOf/anyOf/if were decided by <paramref name="chosen"/>.</param>
    private SchemaView Build(Schema schema, IReadOnlyList<Schema> chosen, HashSet<string> decided)
    {
        var parts = Flattened(schema);
        foreach (var branch in chosen)
        {
            Flatten(branch, parts, []);
        }

        var view = new SchemaView(schema, this);
        var builder = new ViewBuilder(view);
        foreach (var part in parts)
        {
            var json = part.Json;
            if (json.ValueKind == JsonValueKind.False)
            {
                builder.Conflict("the schema is 'false'");
                continue;
            }

            if (json.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            builder.Types(TypesOf(json), part);
            builder.Values(part, json);
            builder.Bounds(json);
            builder.Objects(part, json);
            builder.Arrays(part, json);
            builder.Annotations(json);
            if (!decided.Contains(part.Pointer))
            {
                builder.Alternatives(part, json);
            }
        }

        builder.Finish();
        return view;
    }

    private void Flatten(Schema schema, List<Schema> parts, HashSet<string> visiting)
    {
        if (parts.Count >= MaxParts || !visiting.Add(schema.Pointer))
        {
            return;
        }

        parts.Add(schema);
        var json = schema.Json;
        if (json.ValueKind == JsonValueKind.Object)
        {
            if (json.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && Resolve(r) is { } target)
            {
                Flatten(target, parts, visiting);
            }

            if (json.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
            {
                for (var i = 0; i < allOf.GetArrayLength(); i++)
                {
                    Flatten(schema.At("allOf", i.ToString(CultureInfo.InvariantCulture)), parts, visiting);
                }
            }
        }

        visiting.Remove(schema.Pointer);
    }

    /// <summary>A local <c>$ref</c>: a component by name, or any JSON pointer of the document.</summary>
    public Schema? Resolve(string reference) =>
        document.ResolveRef(reference)
        ?? (Loading.Pointers.FromLocalRef(reference) is { } pointer ? document.SchemaAt(pointer) : null);

    public bool Allows(SchemaView view, string name)
    {
        foreach (var rule in view.ObjectRules)
        {
            if (!rule.Declared.Contains(name) && !rule.Patterns.Any(p => PatternMatch.IsMatch(p.Pattern, name)) && rule.Closed)
            {
                return false;
            }
        }

        return true;
    }

    public IReadOnlyList<Schema> SchemasFor(SchemaView view, string name)
    {
        var schemas = new List<Schema>();
        if (view.Property(name) is { } declared)
        {
            schemas.Add(declared.Schema);
        }

        foreach (var rule in view.ObjectRules)
        {
            var matched = rule.Declared.Contains(name);
            foreach (var (pattern, schema) in rule.Patterns)
            {
                if (PatternMatch.IsMatch(pattern, name))
                {
                    schemas.Add(schema);
                    matched = true;
                }
            }

            if (!matched && rule.Additional is { } additional)
            {
                schemas.Add(additional);
            }
        }

        return schemas.DistinctBy(s => s.Pointer).ToList();
    }
}
