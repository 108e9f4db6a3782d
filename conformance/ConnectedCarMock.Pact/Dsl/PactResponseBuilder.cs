using System.Globalization;
using System.Net;

namespace ConnectedCarMock.Pact;

/// <summary>Describes the response of an interaction; reached through <see cref="PactRequestBuilder.WillRespond"/>.</summary>
public sealed class PactResponseBuilder
{
    private readonly InteractionDefinition _interaction;

    internal PactResponseBuilder(InteractionDefinition interaction) => _interaction = interaction;

    public PactResponseBuilder WithStatus(int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        _interaction.Status = status.ToString(CultureInfo.InvariantCulture);
        _interaction.StatusIsMatcher = false;
        return this;
    }

    public PactResponseBuilder WithStatus(HttpStatusCode status) => WithStatus((int)status);

    /// <summary>
    /// Any 2xx status (a Pact V4 <c>statusCode</c> matcher): for consumers that only test
    /// <see cref="HttpResponseMessage.IsSuccessStatusCode"/>. The engine's mock answers <paramref name="example"/>.
    /// </summary>
    public PactResponseBuilder WithAnySuccessStatus(int example = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(example, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(example, 299);
        _interaction.Status = IntegrationJson.Serialize(new Dictionary<string, object>
        {
            ["pact:matcher:type"] = "statusCode",
            ["status"] = "success",
            ["value"] = example,
        });
        _interaction.StatusIsMatcher = true;
        return this;
    }

    /// <summary>A response header; the value may be a <see cref="Matcher"/>.</summary>
    public PactResponseBuilder WithHeader(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _interaction.Response.Headers.Add((name, IntegrationJson.ParameterValue(value)));
        return this;
    }

    /// <summary>
    /// A JSON response body; matchers may appear anywhere inside it. Declare only what the consumer reads:
    /// everything here is what the provider will be held to.
    /// </summary>
    public PactResponseBuilder WithJsonBody(object body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        _interaction.Response.ContentType = contentType;
        _interaction.Response.Body = IntegrationJson.Serialize(body);
        return this;
    }
}
