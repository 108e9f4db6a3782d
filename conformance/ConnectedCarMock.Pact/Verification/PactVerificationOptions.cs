namespace ConnectedCarMock.Pact;

/// <summary>What <see cref="PactVerifier"/> replays, against which provider, with which credentials.</summary>
public sealed record PactVerificationOptions
{
    /// <summary>One pact file to replay (V2, V3 or V4 JSON); combined with <see cref="PactFiles"/>, <see cref="PactDirectories"/> and <see cref="PactUrls"/>.</summary>
    public string? PactFile { get; init; }

    /// <summary>More pact files.</summary>
    public IReadOnlyList<string> PactFiles { get; init; } = [];

    /// <summary>Folders whose <c>*.json</c> files are pacts (not recursive, as the official verifier's <c>--dir</c>).</summary>
    public IReadOnlyList<string> PactDirectories { get; init; } = [];

    /// <summary>Pacts fetched with GET (a broker's "latest pact" URL, a file server).</summary>
    public IReadOnlyList<Uri> PactUrls { get; init; } = [];

    /// <summary>
    /// The provider's API URL, base path included, e.g. <c>http://127.0.0.1:8080/api/connectedcar/v1</c>. Pacts whose
    /// paths already start with that base path and pacts whose paths omit it are both replayed correctly.
    /// </summary>
    public required Uri Target { get; init; }

    /// <summary>Provider name as written in the report; the pact's provider name when null.</summary>
    public string? ProviderName { get; init; }

    /// <summary>
    /// The provider's state-change endpoint: before each interaction the engine POSTs
    /// <c>{"state": "...", "params": {...}, "action": "setup"}</c> to it. Null skips provider states.
    /// </summary>
    public Uri? StateChangeUrl { get; init; }

    /// <summary>
    /// The provider's message endpoint, for message interactions (V4 asynchronous messages, V3 message pacts): for each,
    /// the engine POSTs <c>{"description": "...", "providerStates": [{"name": "...", "params": {...}}]}</c> and matches
    /// the answer's body as the message (its metadata base64 JSON in the <c>Pact-Message-Metadata</c> header). It must be
    /// on <see cref="Target"/>'s host, where the engine sends it. When null and <see cref="StateChangeUrl"/> is the mock's
    /// <c>/__mock/states</c>, the mock's <c>/__mock/messages</c> beside it; otherwise message interactions fail, saying so.
    /// </summary>
    public Uri? MessageProviderUrl { get; init; }

    /// <summary>Also POST <c>"action": "teardown"</c> after each interaction (the official verifier's <c>--state-change-teardown</c>).</summary>
    public bool StateChangeTeardown { get; init; } = true;

    /// <summary>
    /// Headers sent with every request. <c>Authorization</c> is special: it replaces the value only on requests
    /// the consumer recorded with one, so that an interaction recorded without credentials stays without.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Called once per run for a fresh access token, sent as <c>Authorization: Bearer {token}</c> instead of
    /// the token recorded in the pact (which the provider would reject); requests recorded without
    /// <c>Authorization</c> stay without. Wins over an <c>Authorization</c> entry of <see cref="Headers"/>.
    /// </summary>
    public Func<CancellationToken, Task<string>>? AccessTokenProvider { get; init; }

    /// <summary>Only interactions whose description matches this regular expression (the official <c>--filter-description</c>).</summary>
    public string? FilterDescription { get; init; }

    /// <summary>Only interactions with a provider state matching this regular expression (<c>--filter-state</c>).</summary>
    public string? FilterState { get; init; }

    /// <summary>Only pacts of these consumers (<c>--filter-consumer</c>); all when empty.</summary>
    public IReadOnlyList<string> FilterConsumers { get; init; } = [];

    /// <summary>Timeout of each request to the provider.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public PactLogLevel LogLevel { get; init; } = PactLogLevel.Off;
}
