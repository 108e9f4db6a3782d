using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Caching;

/// <summary>
/// Every cache of one mock server, what it holds and how many entries it keeps: the one place to read
/// (docs/architecture.md lists them too). All are <see cref="BoundedCache{TKey, TValue}"/>: a client
/// sending endless distinct values evicts old entries, it never grows memory. Caches whose keys come
/// from the document alone (schemas, parameters) are not listed: the document bounds them.
/// </summary>
internal sealed class Caches
{
    /// <summary>Serialized answers per (resource, state version, scope signature, link base).</summary>
    public const int AnswerCapacity = 20_000;

    /// <summary>Variation templates; one is several times the size of its answer, so fewer are kept.</summary>
    public const int TemplateCapacity = 2_000;

    /// <summary>Rendered bodies (JSON trees, shared and cloned before change) per resource key.</summary>
    public const int RenderCapacity = 20_000;

    /// <summary>Routes (an operation and its decoded path parameters, or none) per (method, path as received).</summary>
    public const int RouteCapacity = 10_000;

    /// <summary>Link bases (checked scheme, host and port plus base path) per client base URL.</summary>
    public const int LinkBaseCapacity = 1_000;

    /// <summary>Parsed <c>X-Mock-Variation</c> and <c>X-Mock-Fault</c> values: clients repeat their own.</summary>
    public const int HeaderCapacity = 1_000;

    /// <summary>
    /// Scope signatures and authorization decisions per (operation, granted scope set). A scope set is one
    /// object per validated token, so the key compares by reference: no hashing of the scope text per request.
    /// </summary>
    public const int ScopeCapacity = 10_000;

    /// <summary>Validated tokens until they expire (one signature check per token), by token and by the <c>Authorization</c> header carrying it.</summary>
    public const int TokenCapacity = 10_000;

    public BoundedCache<AnswerKey, byte[]> Answers { get; } = new("answers", AnswerCapacity, AnswerKey.Comparer);

    public BoundedCache<AnswerKey, VariationTemplate> Templates { get; } = new("variation templates", TemplateCapacity, AnswerKey.Comparer);

    public BoundedCache<ResourceKey, JsonNode?> Renders { get; } = new("renders", RenderCapacity);

    public BoundedCache<(string Method, string Path), RouteResult?> Routes { get; } = new("routes", RouteCapacity);

    public BoundedCache<string, string> LinkBases { get; } = new("link bases", LinkBaseCapacity, StringComparer.Ordinal);

    public BoundedCache<string, (VariationSettings? Settings, string? Error)> VariationHeaders { get; } = new("X-Mock-Variation values", HeaderCapacity, StringComparer.Ordinal);

    public BoundedCache<string, (FaultPlan? Plan, string? Error)> FaultHeaders { get; } = new("X-Mock-Fault values", HeaderCapacity, StringComparer.Ordinal);

    public BoundedCache<(Operation Operation, ScopeSet Granted), string> ScopeSignatures { get; } = new("scope signatures", ScopeCapacity);

    public BoundedCache<(Operation Operation, ScopeSet Granted), ScopeDecision> Authorizations { get; } = new("authorization decisions", ScopeCapacity);

    public BoundedCache<string, Principal> Tokens { get; } = ValidTokens();

    /// <summary>The client's <c>scheme://host</c> per <c>Host</c> header (the fast path builds it once, not per request).</summary>
    public BoundedCache<string, string> BaseUrls { get; } = new("client base URLs", LinkBaseCapacity, StringComparer.Ordinal);

    public static BoundedCache<string, Principal> ValidTokens() => new("validated tokens", TokenCapacity, TokenComparer.Instance);

    /// <summary>
    /// Tokens are long (a token with every scope of the published document is 2 KB) and end with their
    /// signature: hashing the last 64 characters is enough to spread them and costs a thirtieth of hashing
    /// all. Equality still compares the whole text (and a header Kestrel reused is the same object).
    /// </summary>
    private sealed class TokenComparer : IEqualityComparer<string>
    {
        public static TokenComparer Instance { get; } = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string text) => HashCode.Combine(text.Length, string.GetHashCode(text.AsSpan(Math.Max(0, text.Length - 64)), StringComparison.Ordinal));
    }
}
