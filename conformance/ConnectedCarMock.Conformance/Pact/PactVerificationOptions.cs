namespace ConnectedCarMock.Conformance.Pact;

/// <summary>What <see cref="PactVerifier.VerifyAsync"/> replays, against which provider, with which credentials.</summary>
public sealed record PactVerificationOptions
{
    /// <summary>The pact file to replay (V2, V3 or V4 JSON).</summary>
    public required string PactFile { get; init; }

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

    /// <summary>Headers sent with every request, replacing the pact's (e.g. <c>Authorization: Bearer ...</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Called once before the replay for a fresh access token, sent as <c>Authorization: Bearer {token}</c>
    /// instead of the token recorded in the pact (which the provider would reject). Wins over an
    /// <c>Authorization</c> entry of <see cref="Headers"/>.
    /// </summary>
    public Func<CancellationToken, Task<string>>? AccessTokenProvider { get; init; }

    /// <summary>Timeout of each request to the provider.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public PactLogLevel LogLevel { get; init; } = PactLogLevel.Off;
}
