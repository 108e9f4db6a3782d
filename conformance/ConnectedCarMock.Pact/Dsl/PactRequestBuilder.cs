namespace ConnectedCarMock.Pact;

/// <summary>Describes the request of an interaction; start with <see cref="PactBuilder.UponReceiving"/>.</summary>
public sealed class PactRequestBuilder
{
    private readonly InteractionDefinition _interaction;

    internal PactRequestBuilder(InteractionDefinition interaction) => _interaction = interaction;

    /// <summary>A provider state the interaction needs, e.g. <c>"a vehicle exists"</c>.</summary>
    public PactRequestBuilder Given(string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _interaction.States.Add((state, null));
        return this;
    }

    /// <summary>A provider state with parameters (an object or dictionary, e.g. <c>new { id = "e5a1..." }</c>).</summary>
    public PactRequestBuilder Given(string state, object parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _interaction.States.Add((state, IntegrationJson.StateParameters(parameters)));
        return this;
    }

    /// <summary>Method and path; the path is what the consumer calls, with or without the API base path.</summary>
    public PactRequestBuilder WithRequest(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' must start with / and carry no query (use WithQuery).", nameof(path));
        }

        _interaction.Method = method.Method.ToUpperInvariant();
        _interaction.Path = path;
        return this;
    }

    /// <summary>
    /// Method and a path with a rule or generator, e.g. <c>Match.FromProviderState("/accounts/vehicles/${id}", "/accounts/vehicles/e5a1")</c>:
    /// the consumer test calls the example, the verification the path the provider state gives.
    /// </summary>
    public PactRequestBuilder WithRequest(HttpMethod method, Matcher path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Example is not string example)
        {
            throw new ArgumentException("A path matcher's example is the path the consumer test calls.", nameof(path));
        }

        WithRequest(method, example);
        _interaction.Path = IntegrationJson.Serialize(path);
        return this;
    }

    /// <summary>A query parameter; call again with the same name for repeated values. The value may be a <see cref="Matcher"/>.</summary>
    public PactRequestBuilder WithQuery(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _interaction.Query.Add((name, IntegrationJson.ParameterValue(value)));
        return this;
    }

    /// <summary>A request header; the value may be a <see cref="Matcher"/> (e.g. <c>Match.Regex("Bearer x", "^Bearer .+$")</c>).</summary>
    public PactRequestBuilder WithHeader(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _interaction.Request.Headers.Add((name, IntegrationJson.ParameterValue(value)));
        return this;
    }

    /// <summary>A JSON request body; matchers may appear anywhere inside it.</summary>
    public PactRequestBuilder WithJsonBody(object body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        _interaction.Request.ContentType = contentType;
        _interaction.Request.Body = IntegrationJson.Serialize(body);
        return this;
    }

    /// <summary>Moves on to the response the provider gives.</summary>
    public PactResponseBuilder WillRespond() => new(_interaction);
}
