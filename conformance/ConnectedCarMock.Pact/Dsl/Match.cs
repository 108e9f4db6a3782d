namespace ConnectedCarMock.Pact;

/// <summary>
/// Matchers for request and response values: the example is what the mock server uses, the rule is what the
/// provider is later held to. Use them anywhere inside a body passed to <c>WithJsonBody</c>, or as a header,
/// query or path value. They are PactNet's <c>Match</c> set plus pact-js's additions, written in the Pact
/// engine's integration JSON format (<c>pact:matcher:type</c>), V3 and V4 alike.
/// </summary>
public static class Match
{
    /// <summary>Any value of the example's JSON type (Pact "like"). Objects are matched property by property.</summary>
    public static Matcher Type(object example) => new("type", example);

    /// <summary>An array with at least <paramref name="min"/> items, each like <paramref name="example"/>.</summary>
    public static Matcher EachLike(object example, int min = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 0);
        // The example array holds min copies (at least one): the engine's mock answers with it, so it must satisfy min itself.
        return new Matcher("type", Repeat(example, Math.Max(min, 1)), ("min", min));
    }

    /// <summary>An array of at least <paramref name="min"/> items like <paramref name="example"/> (PactNet's MinType).</summary>
    public static Matcher MinType(object example, int min) => EachLike(example, min);

    /// <summary>An array of at most <paramref name="max"/> items like <paramref name="example"/> (PactNet's MaxType); the example holds one.</summary>
    public static Matcher MaxType(object example, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return new Matcher("type", Repeat(example, 1), ("max", max));
    }

    /// <summary>An array of <paramref name="min"/> to <paramref name="max"/> items like <paramref name="example"/> (PactNet's MinMaxType).</summary>
    public static Matcher MinMaxType(object example, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, Math.Max(min, 1));
        return new Matcher("type", Repeat(example, Math.Max(min, 1)), ("min", min), ("max", max));
    }

    /// <summary>A string matching <paramref name="regex"/> as a whole, as the engine matches it (the example must match too).</summary>
    public static Matcher Regex(string example, string regex)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentException.ThrowIfNullOrEmpty(regex);
        if (!PactRegex.IsFullMatch(example, regex))
        {
            throw new ArgumentException($"The example '{example}' does not match its own regular expression {regex} (the whole value must match, as the engine checks it).", nameof(example));
        }

        return new Matcher("regex", example, ("regex", regex));
    }

    /// <summary>Any number, integer or not.</summary>
    public static Matcher Number(decimal example) => new("number", example);

    /// <summary>Any integer.</summary>
    public static Matcher Integer(long example) => new("integer", example);

    /// <summary>
    /// Any number with a fractional part. The example is a <see cref="decimal"/> so that its scale is kept:
    /// <c>12.0m</c> is written as <c>12.0</c>, where a double would become the integer <c>12</c>.
    /// </summary>
    public static Matcher Decimal(decimal example) => new("decimal", example);

    /// <summary>Exactly the example's value (to undo a type matcher of an enclosing value).</summary>
    public static Matcher Equality(object example) => new("equality", example);

    /// <summary>Only <c>null</c>.</summary>
    public static Matcher Null() => new("null", null);

    /// <summary>true or false (pact-js's boolean).</summary>
    public static Matcher Boolean(bool example) => new("boolean", example);

    /// <summary>A date in a Java-style pattern (default <c>yyyy-MM-dd</c>).</summary>
    public static Matcher Date(string example, string format = "yyyy-MM-dd") => Formatted("date", example, format);

    /// <summary>A time in a Java-style pattern (default <c>HH:mm:ss</c>).</summary>
    public static Matcher Time(string example, string format = "HH:mm:ss") => Formatted("time", example, format);

    /// <summary>A date-time in a Java-style pattern (PactNet's Timestamp).</summary>
    public static Matcher Timestamp(string example, string format = "yyyy-MM-dd'T'HH:mm:ssXXX") => Formatted("timestamp", example, format);

    /// <summary>A date-time in a Java-style pattern (e.g. <c>yyyy-MM-dd'T'HH:mm:ssXXX</c>).</summary>
    public static Matcher DateTime(string example, string format = "yyyy-MM-dd'T'HH:mm:ssXXX") => Formatted("datetime", example, format);

    /// <summary>A string that contains <paramref name="text"/> (PactNet's Include).</summary>
    public static Matcher Include(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new Matcher("include", text);
    }

    /// <summary>An array that holds, in any order and among others, an item matching each variant (V4 and V3).</summary>
    public static Matcher ArrayContains(params object[] variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentOutOfRangeException.ThrowIfZero(variants.Length);
        return Matcher.Variants(variants);
    }

    /// <summary>A lower-case UUID (pact-js's uuid), as a whole-value regular expression.</summary>
    public static Matcher Uuid(string example = "ba3e4d5c-9f2a-4b1e-8c7d-6a5b4c3d2e1f") =>
        Regex(example, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /// <summary>A semantic version, e.g. <c>2.1.0</c>.</summary>
    public static Matcher Semver(string example) => new("semver", example);

    /// <summary>A value that is not empty (no empty string, array or object), of the example's type (pact-js's notEmpty).</summary>
    public static Matcher NotEmpty(object example) => new("notEmpty", example);

    /// <summary>An object whose every key satisfies <paramref name="rule"/> (pact-js's eachKeyMatches); the example is sent.</summary>
    public static Matcher EachKey(object example, Matcher rule) => Matcher.WithRules("eachKey", example, rule);

    /// <summary>An object or array whose every value satisfies <paramref name="rule"/> (pact-js's eachValueMatches).</summary>
    public static Matcher EachValue(object example, Matcher rule) => Matcher.WithRules("eachValue", example, rule);

    /// <summary>
    /// A value the provider state gives at verification (pact-js's fromProviderState): <paramref name="expression"/>
    /// such as <c>/accounts/vehicles/${id}</c> is filled from what the state-change endpoint answered; the example is
    /// what the consumer test sees. Usable in paths, headers, queries and bodies.
    /// </summary>
    public static Matcher FromProviderState(string expression, object example)
    {
        ArgumentException.ThrowIfNullOrEmpty(expression);
        return Matcher.Generated(expression, example);
    }

    private static object[] Repeat(object example, int count) => Enumerable.Repeat(example, count).ToArray();

    private static Matcher Formatted(string type, string example, string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(example);
        ArgumentException.ThrowIfNullOrEmpty(format);
        return new Matcher(type, example, ("format", format));
    }
}
