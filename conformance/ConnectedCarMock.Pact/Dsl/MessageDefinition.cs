namespace ConnectedCarMock.Pact;

/// <summary>What a test declared for one message, kept in managed memory until <see cref="MessagePactBuilder.VerifyAsync"/>.</summary>
internal sealed class MessageDefinition(string description)
{
    public string Description { get; } = description;

    /// <summary>Provider states in order; parameters are JSON text, or null.</summary>
    public List<(string Name, string? ParametersJson)> States { get; } = [];

    public List<(string Key, string Value)> Metadata { get; } = [];

    public string ContentType { get; set; } = "application/json";

    /// <summary>Integration JSON (matchers embedded).</summary>
    public string Contents { get; set; } = "{}";
}
