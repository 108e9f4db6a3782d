using System.Text.Json;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// The effective shape of a schema: <c>$ref</c>s followed and <c>allOf</c> branches intersected
/// (types, enums and consts intersected, the tightest bounds, <c>required</c> united, properties
/// merged, <c>additionalProperties: false</c> of any branch kept), so that generators and checks
/// see one object. What cannot be intersected statically (<c>oneOf</c>, <c>anyOf</c>, <c>not</c>,
/// <c>if</c>) is kept as groups. Obtained from <see cref="ApiDocument.View"/>; cached per schema.
/// </summary>
internal sealed class SchemaView
{
    internal SchemaView(Schema source, SchemaViews owner)
    {
        Source = source;
        Owner = owner;
    }

    /// <summary>The schema this view was built from.</summary>
    public Schema Source { get; }

    internal SchemaViews Owner { get; }

    /// <summary>JSON types allowed (<c>object</c>, <c>string</c>, ... and <c>null</c>); empty when unconstrained.</summary>
    public IReadOnlyList<string> Types { get; internal set; } = [];

    /// <summary>Declared properties, in declaration order across <c>allOf</c> branches.</summary>
    public IReadOnlyList<SchemaProperty> Properties { get; internal set; } = [];

    public IReadOnlySet<string> Required { get; internal set; } = new HashSet<string>();

    /// <summary>The schema of array items (after <see cref="PrefixItems"/>); several branches' items are intersected.</summary>
    public Schema? Items { get; internal set; }

    /// <summary>Whether items past <see cref="PrefixItems"/> are forbidden (<c>items: false</c>).</summary>
    public bool NoMoreItems { get; internal set; }

    /// <summary>The schemas of the first items (<c>prefixItems</c>, or draft 4 tuple <c>items</c>).</summary>
    public IReadOnlyList<Schema> PrefixItems { get; internal set; } = [];

    /// <summary><c>false</c> when unknown properties are forbidden; a schema for map values; null when unconstrained.</summary>
    public JsonElement? AdditionalProperties { get; internal set; }

    /// <summary>The schema of map values, when <c>additionalProperties</c> is a schema.</summary>
    public Schema? AdditionalPropertiesSchema { get; internal set; }

    /// <summary><c>propertyNames</c> of every branch, intersected: every name of the object matches it; null when unconstrained.</summary>
    public Schema? PropertyNames { get; internal set; }

    /// <summary><c>patternProperties</c> of every branch: names matching the pattern take the schema.</summary>
    public IReadOnlyList<(string Pattern, Schema Schema)> PatternProperties { get; internal set; } = [];

    /// <summary>The <c>oneOf</c> of the first branch that has one (see <see cref="OneOfGroups"/> for all).</summary>
    public IReadOnlyList<Schema> OneOf => OneOfGroups.Count > 0 ? OneOfGroups[0] : [];

    /// <summary>The <c>anyOf</c> of the first branch that has one (see <see cref="AnyOfGroups"/> for all).</summary>
    public IReadOnlyList<Schema> AnyOf => AnyOfGroups.Count > 0 ? AnyOfGroups[0] : [];

    /// <summary>Every <c>oneOf</c> among the branches: a value matches exactly one schema of each.</summary>
    public IReadOnlyList<IReadOnlyList<Schema>> OneOfGroups { get; internal set; } = [];

    /// <summary>Every <c>anyOf</c> among the branches: a value matches at least one schema of each.</summary>
    public IReadOnlyList<IReadOnlyList<Schema>> AnyOfGroups { get; internal set; } = [];

    /// <summary><c>if</c>/<c>then</c>/<c>else</c> of every branch.</summary>
    public IReadOnlyList<SchemaCondition> Conditions { get; internal set; } = [];

    public IReadOnlyList<Schema> Not { get; internal set; } = [];

    /// <summary>The values allowed: the intersection of every branch's <c>enum</c> (empty when unconstrained).</summary>
    public IReadOnlyList<JsonElement> Enum { get; internal set; } = [];

    public JsonElement? Const { get; internal set; }

    /// <summary>The <c>discriminator</c> of an OpenAPI <c>oneOf</c>/<c>anyOf</c>: property name and value → schema mapping.</summary>
    public string? DiscriminatorProperty { get; internal set; }

    public IReadOnlyDictionary<string, string> DiscriminatorMapping { get; internal set; } = new Dictionary<string, string>();

    public string? Format { get; internal set; }

    public IReadOnlyList<string> Patterns { get; internal set; } = [];

    public decimal? Minimum { get; internal set; }

    public decimal? Maximum { get; internal set; }

    public decimal? ExclusiveMinimum { get; internal set; }

    public decimal? ExclusiveMaximum { get; internal set; }

    public decimal? MultipleOf => MultiplesOf.Count > 0 ? MultiplesOf[0] : null;

    /// <summary>Every branch's <c>multipleOf</c>: a value is a multiple of each.</summary>
    public IReadOnlyList<decimal> MultiplesOf { get; internal set; } = [];

    public int? MinLength { get; internal set; }

    public int? MaxLength { get; internal set; }

    public int? MinItems { get; internal set; }

    public int? MaxItems { get; internal set; }

    public bool UniqueItems { get; internal set; }

    public int? MinProperties { get; internal set; }

    public int? MaxProperties { get; internal set; }

    /// <summary><c>dependentRequired</c> (draft 4 <c>dependencies</c> with names): when the key is present, so are the names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DependentRequired { get; internal set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>dependentSchemas</c> (draft 4 <c>dependencies</c> with schemas): when the key is present, the object matches them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Schema>> DependentSchemas { get; internal set; } = new Dictionary<string, IReadOnlyList<Schema>>();

    /// <summary>The document's own values for this schema: <c>example</c>, <c>examples</c> and <c>default</c>, in that order (not validated).</summary>
    public IReadOnlyList<JsonElement> Examples { get; internal set; } = [];

    public string? Description { get; internal set; }

    public bool ReadOnly { get; internal set; }

    public bool WriteOnly { get; internal set; }

    /// <summary>The <c>x-scope</c> annotation: the property is only returned when this scope is granted.</summary>
    public string? Scope { get; internal set; }

    /// <summary>Why no value can match (disjoint types, consts that differ, bounds that cross...); null when it may.</summary>
    public string? Conflict { get; internal set; }

    /// <summary>Whether <c>oneOf</c>, <c>anyOf</c> or <c>if</c> leave choices to make (see <see cref="With"/>).</summary>
    public bool HasAlternatives => OneOfGroups.Count > 0 || AnyOfGroups.Count > 0 || Conditions.Count > 0;

    public bool Is(string type) => Types.Contains(type);

    public bool IsNullable => Types.Contains("null");

    /// <summary>Whether the schema describes an object (declared as one, or by having properties).</summary>
    public bool IsObject => Is("object") || (Types.Count == 0 && Properties.Count > 0);

    public SchemaProperty? Property(string name)
    {
        if (Properties.Count < 8)
        {
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    return property;
                }
            }

            return null;
        }

        // Views are immutable once built: the index is made once, on first use.
        _byName ??= Properties.DistinctBy(p => p.Name).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    private Dictionary<string, SchemaProperty>? _byName;
    private System.Collections.Concurrent.ConcurrentDictionary<string, Schema?>? _schemaFor;

    /// <summary>
    /// Whether an object may hold a property of this name: declared, matching a pattern, or allowed by
    /// <c>additionalProperties</c> of every branch that has it (a closed branch admits only its own names),
    /// and matching <see cref="PropertyNames"/>.
    /// </summary>
    public bool Allows(string name) => Owner.Allows(this, name);

    /// <summary>Every schema a property of this name must match (declared, pattern and additional schemas).</summary>
    public IReadOnlyList<Schema> SchemasFor(string name) => Owner.SchemasFor(this, name);

    /// <summary>
    /// What a property of this name must match, as one schema (the intersection of <see cref="SchemasFor"/>);
    /// null when nothing constrains it. Remembered for declared names.
    /// </summary>
    public Schema? SchemaFor(string name)
    {
        if (Property(name) is null)
        {
            return Combined(name);
        }

        _schemaFor ??= new(StringComparer.Ordinal);
        return _schemaFor.GetOrAdd(name, Combined);
    }

    private Schema? Combined(string name)
    {
        var schemas = SchemasFor(name);
        return schemas.Count == 0 ? null : Intersect(schemas);
    }

    /// <summary>
    /// This schema with its alternatives decided: the chosen schemas (one branch of each <c>oneOf</c> and
    /// <c>anyOf</c>, <c>if</c>+<c>then</c> or <c>else</c>) intersected into it, and no alternatives of its own left.
    /// </summary>
    public SchemaView With(IReadOnlyList<Schema> chosen) => Owner.Decided(this, chosen);

    /// <summary>The intersection of several schemas as one schema (their <c>allOf</c>); the schema itself when there is one.</summary>
    public Schema Intersect(IReadOnlyList<Schema> schemas) => Owner.Intersect(schemas);

    internal IReadOnlyList<ObjectRule> ObjectRules { get; set; } = [];

    /// <summary>The branches decided into this view (empty for a schema's own view).</summary>
    internal IReadOnlyList<Schema> Chosen { get; set; } = [];

    public override string ToString() => $"{Source.Pointer} [{string.Join('|', Types)}] {Properties.Count} properties";
}

/// <summary>A declared property of an object schema.</summary>
internal sealed record SchemaProperty(string Name, Schema Schema, bool Required);

/// <summary>An <c>if</c> with its <c>then</c> and <c>else</c> (either may be absent).</summary>
internal sealed record SchemaCondition(Schema If, Schema? Then, Schema? Else);

/// <summary>One branch's view of names: what it declares, its patterns, and what it does with other names.</summary>
internal sealed record ObjectRule(IReadOnlySet<string> Declared, IReadOnlyList<(string Pattern, Schema Schema)> Patterns, Schema? Additional, bool Closed);
