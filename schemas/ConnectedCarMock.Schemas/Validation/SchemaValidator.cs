using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Validation;
using Json.Schema;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// Validates JSON instances against a document's schemas with Json.Schema.Net (draft 2020-12),
/// in <see cref="ValidationMode.Strict"/> or <see cref="ValidationMode.Tolerant"/> mode.
/// Compiled schemas are cached per (schema, mode); thread-safe.
/// </summary>
internal sealed class SchemaValidator
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";
    private static int s_documents;

    private readonly ApiDocument _document;
    private readonly string _baseUri;
    private readonly BuildOptions _buildOptions;
    private readonly EvaluationOptions _evaluationOptions;
    // A yes/no evaluation first: most instances are valid, and the detailed output costs several times more.
    private readonly EvaluationOptions _flagOptions;
    private readonly Lock _registerLock = new();
    // Lazy: concurrent first uses of one schema compile it once (Json.Schema.Net refuses to register a URI twice).
    private readonly ConcurrentDictionary<(string Pointer, ValidationMode Mode), Lazy<Compiled>> _compiled = new();
    // The translated components document of each mode, for the yes/no schemas' refs.
    private readonly Dictionary<ValidationMode, JsonObject> _components = [];
    private readonly bool _flagSchemas;

    internal SchemaValidator(ApiDocument document, bool flagSchemas = true)
    {
        _document = document;
        _flagSchemas = flagSchemas;
        _baseUri = $"https://connectedcarmock.invalid/doc-{Interlocked.Increment(ref s_documents).ToString(CultureInfo.InvariantCulture)}/";
        _buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        _evaluationOptions = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        _flagOptions = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    }

    /// <summary>
    /// A validator of its own for the document (its own compiled schemas and registry), for checks that
    /// must not share anything with the validator the generator and the mock use: Json.Schema.Net alone, none of
    /// the yes/no schemas (<see cref="FlagSchema"/>) the other answers most checks with.
    /// </summary>
    public static SchemaValidator Separate(ApiDocument document) => new(document, flagSchemas: false);

    public ValidationResult Validate(Schema schema, JsonElement instance, ValidationMode mode = ValidationMode.Strict) =>
        Validate(schema, instance, mode, namesAreUnique: false);

    // namesAreUnique: the instance was written from a JsonNode, whose objects cannot repeat a name.
    private ValidationResult Validate(Schema schema, JsonElement instance, ValidationMode mode, bool namesAreUnique)
    {
        var compiled = Compile(schema, Effective(mode));
        var errors = compiled.IsValid(instance, _flagOptions, namesAreUnique) ? [] : Errors(compiled.Library.Evaluate(instance, _evaluationOptions));
        if (mode == ValidationMode.Closed)
        {
            Undeclared(instance, _document.View(schema), string.Empty, errors);
        }

        return errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(errors);
    }

    /// <summary>Whether the instance matches (no errors collected: cheaper than <see cref="Validate(Schema, JsonElement, ValidationMode)"/>).</summary>
    public bool IsValid(Schema schema, JsonElement instance, ValidationMode mode = ValidationMode.Strict) =>
        IsValid(schema, instance, mode, namesAreUnique: false);

    private bool IsValid(Schema schema, JsonElement instance, ValidationMode mode, bool namesAreUnique)
    {
        var valid = Compile(schema, Effective(mode)).IsValid(instance, _flagOptions, namesAreUnique);
        if (valid && mode == ValidationMode.Closed)
        {
            var errors = new List<ValidationError>();
            Undeclared(instance, _document.View(schema), string.Empty, errors);
            return errors.Count == 0;
        }

        return valid;
    }

    public bool IsValid(Schema schema, JsonNode? instance, ValidationMode mode = ValidationMode.Strict)
    {
        using var json = new PooledInstance(instance);
        return IsValid(schema, json.Root, mode, namesAreUnique: true);
    }

    private void Undeclared(JsonElement instance, SchemaView view, string pointer, List<ValidationError> errors)
    {
        if (instance.ValueKind == JsonValueKind.Object && !view.HasAlternatives)
        {
            foreach (var property in instance.EnumerateObject())
            {
                var at = pointer + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                if (view.Property(property.Name) is { } declared)
                {
                    Undeclared(property.Value, _document.View(declared.Schema), at, errors);
                }
                else if (view.AdditionalPropertiesSchema is null && view.Properties.Count > 0 && !Names(view, property.Name)
                    && !view.PatternProperties.Any(p => PatternMatch.IsMatch(p.Pattern, property.Name)))
                {
                    errors.Add(new ValidationError(at, "additionalProperties", view.Source.Pointer, $"property '{property.Name}' is not declared"));
                }
            }
        }
        else if (instance.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                var schema = index < view.PrefixItems.Count ? view.PrefixItems[index] : view.Items;
                if (schema is not null)
                {
                    Undeclared(item, _document.View(schema), $"{pointer}/{index}", errors);
                }

                index++;
            }
        }
    }

    // A name the schema requires (always, or when another is present) is one it names, declared or not:
    // an open schema that requires 'id' without a property for it admits no value without one.
    private static bool Names(SchemaView view, string name) =>
        view.Required.Contains(name) || view.DependentRequired.Values.Any(names => names.Contains(name));

    public ValidationResult Validate(Schema schema, JsonNode? instance, ValidationMode mode = ValidationMode.Strict)
    {
        using var json = new PooledInstance(instance);
        return Validate(schema, json.Root, mode, namesAreUnique: true);
    }

    public ValidationResult Validate(Schema schema, string json, ValidationMode mode = ValidationMode.Strict)
    {
        using var parsed = JsonDocument.Parse(json);
        return Validate(schema, parsed.RootElement, mode);
    }

    /// <summary>Null when the schema's checks are answered by a yes/no schema (tests compare it with the library), else why not.</summary>
    internal string? WhyNoFlagSchema(Schema schema, ValidationMode mode) =>
        Compile(schema, Effective(mode)) is { Flag: null } compiled ? compiled.Refusal ?? "yes/no schemas are off in this validator" : null;

    /// <summary>The yes/no schema's answer (strict); null where Json.Schema.Net would answer (no yes/no schema).</summary>
    internal bool? FlagSchemaAnswer(Schema schema, JsonNode? instance)
    {
        if (Compile(schema, ValidationMode.Strict).Flag is not { } flag)
        {
            return null;
        }

        using var json = new PooledInstance(instance);
        return flag.IsValid(json.Root, namesAreUnique: true);
    }

    private static ValidationMode Effective(ValidationMode mode) => mode == ValidationMode.Closed ? ValidationMode.Strict : mode;

    private Compiled Compile(Schema schema, ValidationMode mode) =>
        _compiled.GetOrAdd((schema.Pointer, mode), key => new Lazy<Compiled>(() => CompileNow(schema, key.Mode), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private Compiled CompileNow(Schema schema, ValidationMode mode)
    {
        EnsureComponents(mode);
        var translated = Validation.SchemaTranslator.Translate(schema.Json, mode, DefsUri(mode) + "#/$defs/", Resolves);
        var root = translated as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(translated) };
        root["$schema"] = Draft;
        var uri = new Uri($"{_baseUri}{Name(mode)}/instance/{Uri.EscapeDataString(schema.Pointer)}");

        // Json.Schema.Net keeps the element: it must outlive the compiled schema, so it is not pooled.
        var json = JsonSerializer.SerializeToElement(root);
        lock (_registerLock)
        {
            // Compiled under the lock: the components tree is shared, and a JsonObject is not safe to read from two threads.
            var (flag, refusal) = _flagSchemas ? FlagSchema.Compile(root, _components[mode], DefsUri(mode), _flagOptions.FormatRegistry) : (null, null);
            return new Compiled(JsonSchema.Build(json, _buildOptions, uri), flag, refusal);
        }
    }

    /// <summary>A schema as Json.Schema.Net compiled it, and its yes/no form where one could be compiled.</summary>
    private sealed record Compiled(JsonSchema Library, FlagSchema? Flag, string? Refusal)
    {
        public bool IsValid(JsonElement instance, EvaluationOptions flagOptions, bool namesAreUnique) =>
            Flag?.IsValid(instance, namesAreUnique) ?? Library.Evaluate(instance, flagOptions).IsValid;
    }

    private void EnsureComponents(ValidationMode mode)
    {
        lock (_registerLock)
        {
            if (_components.ContainsKey(mode))
            {
                return;
            }

            var defs = new JsonObject();
            foreach (var (name, schema) in _document.Schemas)
            {
                defs[name] = Validation.SchemaTranslator.Translate(schema.Json, mode, "#/$defs/", Resolves);
            }

            var root = new JsonObject { ["$schema"] = Draft, ["$defs"] = defs };
            _components[mode] = root;
            var components = JsonSchema.Build(JsonSerializer.SerializeToElement(root), _buildOptions, new Uri(DefsUri(mode)));
            _buildOptions.SchemaRegistry.Register(components);
        }
    }

    private bool Resolves(string reference) =>
        Loading.Pointers.FromLocalRef(reference) is { } pointer && _document.SchemaAt(pointer) is not null;

    private string DefsUri(ValidationMode mode) => $"{_baseUri}{Name(mode)}/components";

    private static string Name(ValidationMode mode) => mode == ValidationMode.Tolerant ? "tolerant" : "strict";

    private List<ValidationError> Errors(EvaluationResults results)
    {
        var errors = new List<ValidationError>();
        Collect(results, errors);
        if (errors.Count == 0)
        {
            errors.Add(new ValidationError(string.Empty, "schema", string.Empty, "the instance does not match the schema"));
        }

        return errors;
    }

    // Only failing nodes matter: a failed branch under a passing oneOf/anyOf is not an error of the instance.
    private void Collect(EvaluationResults results, List<ValidationError> errors)
    {
        if (results.IsValid)
        {
            return;
        }

        if (results.Errors is { Count: > 0 })
        {
            foreach (var (keyword, message) in results.Errors)
            {
                errors.Add(new ValidationError(results.InstanceLocation.ToString(), keyword, Location(results.SchemaLocation) + "/" + keyword, message));
            }
        }

        if (results.Details is { } details)
        {
            foreach (var detail in details)
            {
                Collect(detail, errors);
            }
        }
    }

    // Report schema locations as pointers into the OpenAPI document rather than into our synthetic URIs.
    private string Location(Uri? location)
    {
        if (location is null)
        {
            return string.Empty;
        }

        var text = Uri.UnescapeDataString(location.ToString());
        foreach (var mode in new[] { ValidationMode.Strict, ValidationMode.Tolerant })
        {
            var defs = DefsUri(mode) + "#/$defs/";
            if (text.StartsWith(defs, StringComparison.Ordinal))
            {
                return "/components/schemas/" + text[defs.Length..];
            }

            var instance = $"{_baseUri}{Name(mode)}/instance/";
            if (text.StartsWith(instance, StringComparison.Ordinal))
            {
                var rest = text[instance.Length..];
                var hash = rest.IndexOf('#', StringComparison.Ordinal);
                return hash >= 0 ? rest[..hash] + rest[(hash + 1)..] : rest;
            }
        }

        return text;
    }
}
