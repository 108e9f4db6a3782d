using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>Builds and caches <see cref="SchemaView"/>s for one document.</summary>
internal sealed class SchemaViews(ApiDocument document)
{
    private const int MaxParts = 64;

    private readonly ConcurrentDictionary<string, SchemaView> _cache = new(StringComparer.Ordinal);

    public SchemaView View(Schema schema) => _cache.GetOrAdd(schema.Pointer, _ => Build(schema));

    private SchemaView Build(Schema schema)
    {
        var parts = new List<Schema>();
        Flatten(schema, parts, []);
        var view = new SchemaView(schema);
        HashSet<string>? types = null;
        var properties = new List<SchemaProperty>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        var patterns = new List<string>();
        var not = new List<Schema>();
        foreach (var part in parts)
        {
            var json = part.Json;
            if (json.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (TypesOf(json) is { } partTypes)
            {
                types = types is null ? partTypes : types.Intersect(partTypes).ToHashSet();
            }

            if (json.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            {
                required.UnionWith(req.EnumerateArray().Select(r => r.GetString() ?? string.Empty));
            }

            if (json.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    var child = part.At("properties", p.Name);
                    var index = properties.FindIndex(x => x.Name == p.Name);
                    if (index < 0)
                    {
                        properties.Add(new SchemaProperty(p.Name, child, false));
                    }
                    else
                    {
                        properties[index] = properties[index] with { Schema = Merge(properties[index].Schema, child) };
                    }
                }
            }

            view.Items ??= json.TryGetProperty("items", out var items) ? part.At("items") : null;
            if (json.TryGetProperty("additionalProperties", out var additional))
            {
                view.AdditionalProperties = additional.ValueKind == JsonValueKind.False || view.AdditionalProperties is null
                    ? additional
                    : view.AdditionalProperties;
                view.AdditionalPropertiesSchema ??= additional.ValueKind == JsonValueKind.Object ? part.At("additionalProperties") : null;
            }

            if (view.OneOf.Count == 0 && json.TryGetProperty("oneOf", out var oneOf))
            {
                view.OneOf = Branches(part, "oneOf", oneOf);
            }

            if (view.AnyOf.Count == 0 && json.TryGetProperty("anyOf", out var anyOf))
            {
                view.AnyOf = Branches(part, "anyOf", anyOf);
            }

            if (json.TryGetProperty("not", out _))
            {
                not.Add(part.At("not"));
            }

            if (view.Enum.Count == 0 && json.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                view.Enum = values.EnumerateArray().ToList();
            }

            if (json.TryGetProperty("const", out var constant))
            {
                view.Const = constant;
            }

            if (json.TryGetProperty("pattern", out var pattern) && pattern.GetString() is { } regex)
            {
                patterns.Add(regex);
            }

            view.Format ??= Text(json, "format");
            view.Scope ??= Text(json, "x-scope");
            view.Minimum = Max(view.Minimum, Number(json, "minimum"));
            view.Maximum = Min(view.Maximum, Number(json, "maximum"));
            view.ExclusiveMinimum = Max(view.ExclusiveMinimum, ExclusiveBound(json, "exclusiveMinimum", "minimum"));
            view.ExclusiveMaximum = Min(view.ExclusiveMaximum, ExclusiveBound(json, "exclusiveMaximum", "maximum"));
            view.MultipleOf ??= Number(json, "multipleOf");
            view.MinLength = MaxInt(view.MinLength, Integer(json, "minLength"));
            view.MaxLength = MinInt(view.MaxLength, Integer(json, "maxLength"));
            view.MinItems = MaxInt(view.MinItems, Integer(json, "minItems"));
            view.MaxItems = MinInt(view.MaxItems, Integer(json, "maxItems"));
            view.MinProperties = MaxInt(view.MinProperties, Integer(json, "minProperties"));
            view.ReadOnly |= json.TryGetProperty("readOnly", out var ro) && ro.ValueKind == JsonValueKind.True;
            view.WriteOnly |= json.TryGetProperty("writeOnly", out var wo) && wo.ValueKind == JsonValueKind.True;
            view.UniqueItems |= json.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True;
        }

        view.Types = types?.Order(StringComparer.Ordinal).ToList() ?? [];
        view.Properties = properties.Select(p => p with { Required = required.Contains(p.Name) }).ToList();
        view.Required = required;
        view.Patterns = patterns;
        view.Not = not;
        return view;
    }

    /// <summary>The schema and everything it is made of through <c>$ref</c> and <c>allOf</c>.</summary>
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
            if (json.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && document.ResolveRef(r) is { } target)
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

    private static List<Schema> Branches(Schema part, string keyword, JsonElement array) =>
        array.ValueKind != JsonValueKind.Array
            ? []
            : Enumerable.Range(0, array.GetArrayLength()).Select(i => part.At(keyword, i.ToString(CultureInfo.InvariantCulture))).ToList();

    // A property declared in two allOf branches must satisfy both: represent it as their allOf.
    private static Schema Merge(Schema first, Schema second)
    {
        var json = new JsonObject { ["allOf"] = new JsonArray(JsonNode.Parse(first.Json.GetRawText()), JsonNode.Parse(second.Json.GetRawText())) };
        return new Schema(JsonSerializer.SerializeToElement(json), first.Pointer + "&" + second.Pointer);
    }

    private static HashSet<string>? TypesOf(JsonElement json)
    {
        if (!json.TryGetProperty("type", out var type))
        {
            return null;
        }

        var set = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { type.GetString() ?? string.Empty };
        if (json.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            set.Add("null");
        }

        return set;
    }

    private static decimal? ExclusiveBound(JsonElement json, string flag, string bound) =>
        json.TryGetProperty(flag, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDecimal(),
                JsonValueKind.True => Number(json, bound),
                _ => null,
            }
            : null;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

    private static int? Integer(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? MaxInt(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? MinInt(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
