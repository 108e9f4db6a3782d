namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>What the repairs of one document share: where it came from, its source map and the warnings so far.</summary>
internal sealed class RepairContext
{
    public RepairContext(string file, string? baseDirectory, RepairRuleSet rules)
    {
        File = file;
        BaseDirectory = baseDirectory;
        Rules = rules;
    }

    /// <summary>The document's name in messages (its path when read from a file).</summary>
    public string File { get; }

    /// <summary>The folder external <c>$ref</c>s are resolved against; null when the document was not read from a file.</summary>
    public string? BaseDirectory { get; }

    public RepairRuleSet Rules { get; }

    public SourceMap Map { get; } = new();

    /// <summary>Every repair reported so far, in the order applied.</summary>
    public List<SpecDiagnostic> Diagnostics { get; } = [];

    /// <summary>The <c>openapi</c> or <c>swagger</c> field, once the document is read.</summary>
    public string Version { get; set; } = string.Empty;

    public bool IsSwagger2 => Version.StartsWith("2.", StringComparison.Ordinal);

    public bool IsOas30 => Version.StartsWith("3.0", StringComparison.Ordinal);

    public bool IsOas31 => Version.StartsWith("3.1", StringComparison.Ordinal);

    /// <summary>Component schemas whose key was changed: the key used in the model, and the name the document gave.</summary>
    public Dictionary<string, string> RenamedSchemas { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when a repair kept keys away from OpenAPI.NET (see <see cref="Deferred"/>) that must be put back.</summary>
    public bool HasDeferredKeys { get; set; }

    /// <summary>What the loader is doing, for the message of an error nobody foresaw.</summary>
    public string Stage { get; set; } = "reading the file";

    public void Report(RepairRule rule, string pointer, string message) => Report(rule.Code, pointer, message);

    public void Report(string code, string pointer, string message) =>
        Diagnostics.Add(new SpecDiagnostic(code, pointer.Length == 0 ? "/" : pointer, message));

    /// <summary>The error for a node of the document: the location is its line when known.</summary>
    public SpecLoadException Error(string pointer, string reason) => new(File, Map.Describe(pointer), reason);

    /// <summary>The error for a line of the text.</summary>
    public SpecLoadException ErrorAtLine(long line, string reason) => new(File, $"line {line}", reason);
}
