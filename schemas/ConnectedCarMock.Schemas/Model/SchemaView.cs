using System.Text.Json;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// The effective shape of a schema: <c>$ref</c>s followed and <c>allOf</c> branches merged,
/// so that generators and checks see one object with all its properties and required names.
/// Obtained from <see cref="ApiDocument.View"/>; cached per schema.
/// </summary>
public sealed class SchemaView
{
    internal SchemaView(Schema source) => Source = source;

    /// <summary>The schema this view was built from.</summary>
    public Schema Source { get; }

    /// <summary>JSON types allowed (<c>object</c>, <c>string</c>, ... and <c>null</c>); empty when unconstrained.</summary>
    public IReadOnlyList<string> Types { get; internal set; } = [];

    /// <summary>Declared properties, in declaration order across <c>allOf</c> branches.</summary>
    public IReadOnlyList<SchemaProperty> Properties { get; internal set; } = [];

    public IReadOnlySet<string> Required { get; internal set; } = new HashSet<string>();

    public Schema? Items { get; internal set; }

    /// <summary><c>false</c> when unknown properties are forbidden; a schema for map values; null when unconstrained.</summary>
    public JsonElement? AdditionalProperties { get; internal set; }

    /// <summary>The schema of map values, when <c>additionalProperties</c> is a schema.</summary>
    public Schema? AdditionalPropertiesSchema { get; internal set; }

    public IReadOnlyList<Schema> OneOf { get; internal set; } = [];

    public IReadOnlyList<Schema> AnyOf { get; internal set; } = [];

    public IReadOnlyList<Schema> Not { get; internal set; } = [];

    public IReadOnlyList<JsonElement> Enum { get; internal set; } = [];

    public JsonElement? Const { get; internal set; }

    public string? Format { get; internal set; }

    public IReadOnlyList<string> Patterns { get; internal set; } = [];

    public decimal? Minimum { get; internal set; }

    public decimal? Maximum { get; internal set; }

    public decimal? ExclusiveMinimum { get; internal set; }

    public decimal? ExclusiveMaximum { get; internal set; }

    public decimal? MultipleOf { get; internal set; }

    public int? MinLength { get; internal set; }

    public int? MaxLength { get; internal set; }

    public int? MinItems { get; internal set; }

    public int? MaxItems { get; internal set; }

    public bool UniqueItems { get; internal set; }

    public int? MinProperties { get; internal set; }

    public bool ReadOnly { get; internal set; }

    public bool WriteOnly { get; internal set; }

    /// <summary>The <c>x-scope</c> annotation: the property is only returned when this scope is granted.</summary>
    public string? Scope { get; internal set; }

    public bool Is(string type) => Types.Contains(type);

    public bool IsNullable => Types.Contains("null");

    /// <summary>Whether the schema describes an object (declared as one, or by having properties).</summary>
    public bool IsObject => Is("object") || (Types.Count == 0 && Properties.Count > 0);

    public SchemaProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public override string ToString() => $"{Source.Pointer} [{string.Join('|', Types)}] {Properties.Count} properties";
}

/// <summary>A declared property of an object schema.</summary>
public sealed record SchemaProperty(string Name, Schema Schema, bool Required);
