namespace ConnectedCarMock.Pact;

/// <summary>
/// What a test declared for one interaction, kept in managed memory until <see cref="PactBuilder.VerifyAsync"/>
/// hands it to the engine: each verification then gets a fresh engine pact holding exactly its own interactions.
/// </summary>
internal sealed class InteractionDefinition(string description)
{
    public string Description { get; } = description;

    /// <summary>Provider states in order; parameters are JSON text, or null.</summary>
    public List<(string Name, string? ParametersJson)> States { get; } = [];

    public string Method { get; set; } = "GET";

    public string Path { get; set; } = "/";

    public List<(string Name, string Value)> Query { get; } = [];

    public Part Request { get; } = new();

    /// <summary>A number, or integration JSON with a statusCode matcher.</summary>
    public string Status { get; set; } = "200";

    public bool StatusIsMatcher { get; set; }

    public Part Response { get; } = new();

    /// <summary>Headers and the body of a request or a response.</summary>
    internal sealed class Part
    {
        public List<(string Name, string Value)> Headers { get; } = [];

        public string? ContentType { get; set; }

        public string? Body { get; set; }
    }
}
