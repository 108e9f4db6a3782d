namespace ConnectedCarMock.Pact.Dsl.Tests.Dsl;

/// <summary>
/// A driver that records what the DSL hands to the engine, and answers as a scripted engine would: the tests
/// of the DSL's own rules (what it declares, when it fails, what it rethrows) run without the native library.
/// </summary>
internal sealed class RecordingDriver : IPactDriver
{
    public List<(PactParties Parties, IReadOnlyList<InteractionDefinition> Interactions)> Started { get; } = [];

    public List<string> Written { get; } = [];

    /// <summary>The mismatches the next mock server reports; none means it matched.</summary>
    public List<string> Mismatches { get; } = [];

    public string EngineVersion => "recording";

    public IPactMockServer StartMockServer(PactParties parties, IReadOnlyList<InteractionDefinition> interactions)
    {
        Started.Add((parties, interactions));
        return new Server(this);
    }

    public List<IReadOnlyList<MessageDefinition>> Messages { get; } = [];

    public IPactMessageSet DeclareMessages(PactParties parties, IReadOnlyList<MessageDefinition> messages)
    {
        Messages.Add(messages);
        return new MessageSet(this, messages);
    }

    public EngineRun Verify(EngineVerification verification) => throw new NotSupportedException("the recording driver does not verify");

    /// <summary>Reifies a message as the declared contents themselves (matchers left in): enough for the DSL's own rules.</summary>
    private sealed class MessageSet(RecordingDriver driver, IReadOnlyList<MessageDefinition> messages) : IPactMessageSet
    {
        public string Reify(int index) => messages[index].Contents;

        public void WritePact(string directory) => driver.Written.Add(directory);

        public void Dispose()
        {
        }
    }

    private sealed class Server(RecordingDriver driver) : IPactMockServer
    {
        public Uri Uri { get; } = new("http://127.0.0.1:9/");

        public bool Matched() => driver.Mismatches.Count == 0;

        public IReadOnlyList<string> Mismatches() => [.. driver.Mismatches];

        public void WritePact(string directory) => driver.Written.Add(directory);

        public void Dispose()
        {
        }
    }
}
