namespace ConnectedCarMock.Pact;

/// <summary>
/// A consumer's message pact with one provider: the events the consumer receives (for the Connected Car API,
/// remote action and monitor messages sent to a channel). Declare messages with <see cref="ExpectsToReceive"/>,
/// then hand each one, as the engine produces it from its matchers, to the consumer's handler with
/// <see cref="VerifyAsync"/>; when every handler succeeds the messages are merged into
/// <c>{PactDir}/{consumer}-{provider}.json</c> (V4 asynchronous messages, or a V3 message pact).
/// </summary>
public sealed class MessagePactBuilder
{
    private readonly Declarations<MessageDefinition> _pending = new();
    private readonly PactParties _parties;
    private readonly IPactDriver _driver;

    private MessagePactBuilder(PactParties parties, IPactDriver driver)
    {
        _parties = parties;
        _driver = driver;
    }

    public string Consumer => _parties.Consumer;

    public string Provider => _parties.Provider;

    public PactConfig Config => _parties.Config;

    /// <summary>Path of the pact file the verifications merge into.</summary>
    public string PactFilePath => _parties.FilePath;

    public static MessagePactBuilder Create(string consumer, string provider, PactConfig? config = null) =>
        Create(consumer, provider, config, FfiPactDriver.Instance);

    internal static MessagePactBuilder Create(string consumer, string provider, PactConfig? config, IPactDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return new MessagePactBuilder(PactParties.Of(consumer, provider, config), driver);
    }

    /// <summary>Starts a message; its description must be unique within the pact.</summary>
    public MessageBuilder ExpectsToReceive(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new MessageBuilder(_pending.Add(new MessageDefinition(description)));
    }

    /// <summary>
    /// Hands every message declared since the last call to <paramref name="handle"/> (its JSON contents, as the
    /// engine reifies them), then writes the pact. A handler that throws fails the verification and nothing is written.
    /// </summary>
    /// <exception cref="DllNotFoundException">The Pact engine is not installed beside the assemblies.</exception>
    public async Task VerifyAsync(Func<string, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var messages = _pending.TakeAll("No message was declared: call ExpectsToReceive(...) before VerifyAsync.");
        using var pact = _driver.DeclareMessages(_parties, messages);
        for (var i = 0; i < messages.Count; i++)
        {
            await handle(pact.Reify(i)).ConfigureAwait(false);
        }

        pact.WritePact(Config.PactDir);
    }
}

/// <summary>Describes one message; start with <see cref="MessagePactBuilder.ExpectsToReceive"/>.</summary>
public sealed class MessageBuilder
{
    private readonly MessageDefinition _message;

    internal MessageBuilder(MessageDefinition message) => _message = message;

    /// <summary>The provider state in which the provider sends the message, e.g. <c>"a remote action is done"</c>.</summary>
    public MessageBuilder Given(string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _message.States.Add((state, null));
        return this;
    }

    /// <summary>A provider state with parameters (an object or dictionary).</summary>
    public MessageBuilder Given(string state, object parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _message.States.Add((state, IntegrationJson.StateParameters(parameters)));
        return this;
    }

    /// <summary>A metadata entry the message carries (a header of the webhook delivery, a content type...).</summary>
    public MessageBuilder WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _message.Metadata.Add((key, value));
        return this;
    }

    /// <summary>The JSON contents; matchers may appear anywhere inside. Declare only what the consumer reads.</summary>
    public MessageBuilder WithJsonContent(object contents, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        _message.ContentType = contentType;
        _message.Contents = IntegrationJson.Serialize(contents);
        return this;
    }
}
