using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance;

/// <summary>What to check, where, and with which credentials.</summary>
public sealed record ConformanceOptions
{
    public const string DefaultClientId = "connectedcar-conformance";

    /// <summary>The URL the document's paths are appended to, e.g. <c>http://localhost:8080/api/connectedcar/v1</c>.</summary>
    public required string Target { get; init; }

    /// <summary>OpenAPI document to check against; null uses <see cref="Document"/> or the embedded one.</summary>
    public string? SpecPath { get; init; }

    /// <summary>An already loaded document (in-process callers); wins over <see cref="SpecPath"/>.</summary>
    public ApiDocument? Document { get; init; }

    /// <summary>OAuth2 token endpoint (client credentials with a <c>scope</c> parameter).</summary>
    public string? TokenUrl { get; init; }

    /// <summary>JSON file mapping a space-separated scope set to a token, for servers whose tokens come from elsewhere.</summary>
    public string? TokensFile { get; init; }

    /// <summary>Scope set to token, as in <see cref="TokensFile"/> (in-process callers).</summary>
    public IReadOnlyDictionary<string, string>? Tokens { get; init; }

    /// <summary>HTTP Basic credentials as <c>user:password</c>, for operations the document secures with Basic.</summary>
    public string? BasicCredentials { get; init; }

    /// <summary>API keys by security scheme name or by parameter name; the key <c>*</c> serves every API-key scheme.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>Exit 0 even when more than a tenth of the cases that apply could not run (no id, no credentials).</summary>
    public bool AllowSkips { get; init; }

    public string ClientId { get; init; } = DefaultClientId;

    public string? ClientSecret { get; init; }

    /// <summary>Only these check ids; empty runs every check.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>Check ids not to run.</summary>
    public IReadOnlyList<string> SkipChecks { get; init; } = [];

    /// <summary>Only these operation ids; empty runs every operation.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>Path parameter values to use instead of discovering ids (<c>--param chId=abc</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Per request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Operations checked at the same time.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Seed of generated request bodies and parameter values.</summary>
    public long Seed { get; init; } = 1;
}
