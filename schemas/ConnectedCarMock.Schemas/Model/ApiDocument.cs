using System.Text.Json;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// A loaded OpenAPI document: its operations, component schemas, security schemes and the
/// repairs that were needed to read it. Immutable; safe to share between threads.
/// </summary>
public sealed class ApiDocument
{
    internal const string SchemaRefPrefix = "#/components/schemas/";

    private readonly Dictionary<string, Operation> _byId;
    private readonly Lazy<SchemaValidator> _validator;
    private readonly SchemaViews _views;

    internal ApiDocument(
        JsonDocument normalized,
        string source,
        string specVersion,
        IReadOnlyList<Operation> operations,
        IReadOnlyDictionary<string, Schema> schemas,
        IReadOnlyDictionary<string, SecurityScheme> securitySchemes,
        IReadOnlyList<SpecDiagnostic> warnings)
    {
        Normalized = normalized;
        Source = source;
        SpecVersion = specVersion;
        Operations = operations;
        Schemas = schemas;
        SecuritySchemes = securitySchemes;
        Warnings = warnings;
        var root = normalized.RootElement;
        Title = root.TryGetProperty("info", out var info) && info.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        Version = info.ValueKind == JsonValueKind.Object && info.TryGetProperty("version", out var v) ? v.GetString() ?? string.Empty : string.Empty;
        BasePath = Loading.ModelBuilder.BasePathOf(root);
        _byId = operations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        _validator = new Lazy<SchemaValidator>(() => new SchemaValidator(this));
        _views = new SchemaViews(this);
    }

    /// <summary>File name, or <see cref="SpecLoader.EmbeddedName"/>.</summary>
    public string Source { get; }

    /// <summary>OpenAPI version the document was written in: 2.0, 3.0 or 3.1.</summary>
    public string SpecVersion { get; }

    public string Title { get; }

    /// <summary><c>info.version</c> of the document.</summary>
    public string Version { get; }

    /// <summary>Path of the first server URL, e.g. <c>/api/connectedcar/v1</c>; empty when there is none.</summary>
    public string BasePath { get; }

    internal IReadOnlyList<Operation> Operations { get; }

    /// <summary>Component schemas by name.</summary>
    internal IReadOnlyDictionary<string, Schema> Schemas { get; }

    internal IReadOnlyDictionary<string, SecurityScheme> SecuritySchemes { get; }

    /// <summary>
    /// Component schemas whose key is not the name the document wrote (Swagger 2.0 allows names such as
    /// <c>Date Range</c>; OpenAPI 3 keys do not): the key in <see cref="Schemas"/>, and the name as written.
    /// </summary>
    internal IReadOnlyDictionary<string, string> OriginalSchemaNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Repairs applied and warnings raised while loading. Empty for a clean document.</summary>
    public IReadOnlyList<SpecDiagnostic> Warnings { get; }

    /// <summary>The document as OpenAPI 3.1 JSON, after repairs.</summary>
    public JsonDocument Normalized { get; }

    /// <summary>Validates JSON instances against this document's schemas.</summary>
    internal SchemaValidator Validator => _validator.Value;

    /// <summary>Scopes declared by OAuth2 schemes.</summary>
    public IReadOnlyList<string> DeclaredScopes =>
        SecuritySchemes.Values.SelectMany(s => s.Scopes.Keys).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Scopes declared or used by any operation.</summary>
    public IReadOnlyList<string> AllScopes =>
        DeclaredScopes.Concat(Operations.SelectMany(o => o.Scopes)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The effective shape of a schema ($refs followed, allOf merged); cached.</summary>
    internal SchemaView View(Schema schema) => _views.View(schema);

    /// <summary>The schema at a JSON pointer of the normalized document, e.g. <c>/components/schemas/Vehicle</c>.</summary>
    internal Schema? SchemaAt(string pointer)
    {
        var json = Normalized.RootElement;
        foreach (var token in Loading.Pointers.Tokens(pointer))
        {
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(token, out var child))
            {
                json = child;
            }
            else if (json.ValueKind == JsonValueKind.Array && int.TryParse(token, out var i) && i >= 0 && i < json.GetArrayLength())
            {
                json = json[i];
            }
            else
            {
                return null;
            }
        }

        return new Schema(json, pointer);
    }

    /// <summary>The name a component schema has in the document as written, for messages.</summary>
    internal string SchemaName(string key) => OriginalSchemaNames.GetValueOrDefault(key, key);

    internal Operation? FindOperation(string id) => _byId.GetValueOrDefault(id);

    internal Operation GetOperation(string id) =>
        FindOperation(id) ?? throw new KeyNotFoundException($"operation '{id}' is not in {Source}");

    /// <summary>The schema a <c>$ref</c> points at (only refs into <c>#/components/schemas</c>).</summary>
    internal Schema? ResolveRef(string reference) =>
        reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            ? Schemas.GetValueOrDefault(Uri.UnescapeDataString(reference[SchemaRefPrefix.Length..]).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            : null;
}
