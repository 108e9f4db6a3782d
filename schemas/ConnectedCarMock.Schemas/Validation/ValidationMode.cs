namespace ConnectedCarMock.Schemas;

/// <summary>How strictly an instance is held to its schema.</summary>
internal enum ValidationMode
{
    /// <summary>The schema as written (formats asserted).</summary>
    Strict,

    /// <summary>
    /// The tolerant-reader rules of the API: unknown properties are allowed everywhere
    /// (<c>additionalProperties: false</c> is lifted); everything else is enforced.
    /// </summary>
    Tolerant,

    /// <summary>
    /// Strict, and a closed world: no property the schema does not declare, anywhere (as if every
    /// object said <c>additionalProperties: false</c>). A name the schema requires counts as declared
    /// even without a property schema (the schema itself asks for it). Maps and oneOf/anyOf objects stay open.
    /// </summary>
    Closed,
}

/// <summary>One reason an instance does not match its schema.</summary>
/// <param name="InstancePointer">JSON pointer into the instance, e.g. <c>/_embedded/vehicles/0/vin</c>.</param>
/// <param name="Keyword">The failing keyword, e.g. <c>required</c> or <c>type</c>.</param>
/// <param name="SchemaLocation">Where the keyword lives: a pointer into the OpenAPI document.</param>
internal sealed record ValidationError(string InstancePointer, string Keyword, string SchemaLocation, string Message)
{
    public override string ToString() =>
        $"{(InstancePointer.Length == 0 ? "/" : InstancePointer)}: {Message} ({Keyword} at {SchemaLocation})";
}

internal sealed record ValidationResult(IReadOnlyList<ValidationError> Errors)
{
    public static ValidationResult Valid { get; } = new([]);

    public bool IsValid => Errors.Count == 0;

    public override string ToString() => IsValid ? "valid" : string.Join("; ", Errors);
}
