namespace ConnectedCarMock.Pact;

/// <summary>
/// The seam between the Pact layer and the Pact engine (<c>libpact_ffi</c>): the DSL hands it declared
/// interactions, the verifier hands it a pact file to replay. Everything above it (the DSL, pact files, the
/// spec check, result reading, reports) runs and is tested without the native library; only the
/// implementation on the engine, <see cref="FfiPactDriver"/>, loads it.
/// </summary>
internal interface IPactDriver
{
    /// <summary>The engine's version, e.g. <c>0.5.8</c>.</summary>
    string EngineVersion { get; }

    /// <summary>Starts a mock server serving exactly <paramref name="interactions"/> (HTTP interactions only).</summary>
    IPactMockServer StartMockServer(PactParties parties, IReadOnlyList<InteractionDefinition> interactions);

    /// <summary>Declares message interactions in a fresh engine pact, to reify them for the consumer and write them.</summary>
    IPactMessageSet DeclareMessages(PactParties parties, IReadOnlyList<MessageDefinition> messages);

    /// <summary>Replays one pact file against a provider; blocking.</summary>
    EngineRun Verify(EngineVerification verification);
}

/// <summary>Who the pact is between and how it is written.</summary>
internal sealed record PactParties(string Consumer, string Provider, PactConfig Config)
{
    /// <summary>The file the verifications merge into: <c>{PactDir}/{consumer}-{provider}.json</c>.</summary>
    public string FilePath => Path.Combine(Config.PactDir, $"{Consumer}-{Provider}.json");

    public static PactParties Of(string consumer, string provider, PactConfig? config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        return new PactParties(consumer, provider, config ?? new PactConfig());
    }
}

/// <summary>The engine's mock server for one verification of the consumer DSL.</summary>
internal interface IPactMockServer : IDisposable
{
    /// <summary>Scheme, host and port the server listens on.</summary>
    Uri Uri { get; }

    /// <summary>True when every interaction was used and no unexpected request came.</summary>
    bool Matched();

    /// <summary>The engine's mismatches, one readable line each.</summary>
    IReadOnlyList<string> Mismatches();

    /// <summary>Merges the interactions into the pact file in <paramref name="directory"/>.</summary>
    void WritePact(string directory);
}

/// <summary>Message interactions held by the engine for one verification of the message DSL.</summary>
internal interface IPactMessageSet : IDisposable
{
    /// <summary>The message at <paramref name="index"/> as the consumer receives it: contents with generators applied.</summary>
    string Reify(int index);

    /// <summary>Merges the messages into the pact file in <paramref name="directory"/>.</summary>
    void WritePact(string directory);
}

/// <summary>One replay of one pact file by the engine's verifier.</summary>
/// <param name="ProviderPath">Prefix the engine puts before every pact path ("/" when the pact paths are complete).</param>
/// <param name="Headers">Headers set on every request (replacing the pact's).</param>
/// <param name="MessageUrl">Where message interactions are fetched (on <paramref name="Target"/>'s host); null when the pact has none to verify.</param>
internal sealed record EngineVerification(
    string PactFile,
    string ProviderName,
    Uri Target,
    string ProviderPath,
    IReadOnlyDictionary<string, string> Headers,
    Uri? StateChangeUrl,
    bool StateChangeTeardown,
    TimeSpan RequestTimeout,
    PactLogLevel LogLevel,
    Uri? MessageUrl = null);

/// <summary>What the engine's verifier returned: its exit code, result JSON and printed report.</summary>
internal sealed record EngineRun(int ExitCode, string Json, string Output);
