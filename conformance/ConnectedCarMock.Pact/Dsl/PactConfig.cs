namespace ConnectedCarMock.Pact;

/// <summary>Pact file format version written by the consumer DSL.</summary>
public enum PactSpecification
{
    /// <summary>Pact V3: understood by every Pact tool; no status-code matchers.</summary>
    V3,

    /// <summary>Pact V4, the default.</summary>
    V4,
}

/// <summary>Log level of the Pact engine (written to stderr). The engine takes one logger per process: the first non-Off level wins.</summary>
public enum PactLogLevel
{
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// <summary>Where and how a <see cref="PactBuilder"/> writes its pact.</summary>
public sealed record PactConfig
{
    /// <summary>Folder the pact file <c>{consumer}-{provider}.json</c> is written to (merged with an existing file); created when missing.</summary>
    public string PactDir { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), "pacts");

    public PactSpecification Specification { get; init; } = PactSpecification.V4;

    /// <summary>Interface the engine's mock server listens on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public PactLogLevel LogLevel { get; init; } = PactLogLevel.Off;
}
