using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The mock as a Pact message provider (<c>POST /__mock/messages</c>). For a message interaction, the Pact
/// verifier posts <c>{"description", "providerStates": [{"name", "params"}]}</c>; the states are set up through the
/// provider-state handler (as <c>/__mock/states</c> would), and the answer is the message the mock would deliver
/// in them, built by the webhooks' <see cref="MessageFactory"/> from the same seeded world: 200, the message as
/// <c>application/json</c>, and its metadata (<c>contentType</c>, <c>X-Message-Id</c>, the channel's header
/// attributes) base64 JSON in the <c>Pact-Message-Metadata</c> header. Which message is the business of the one
/// provider state that names a message kind (<c>message</c> in the provider-state files); the description is the
/// consumer's own words. Anything it cannot answer is a 400 whose message says why.
/// </summary>
internal sealed partial class MessageProviderEndpoint(EventHub hub, ProviderStateHandler states, ProviderStateCatalog catalog, IStateStore store)
{
    public const string Path = "/__mock/messages";

    /// <summary>Where the Pact verifier reads a message's metadata: base64 of a JSON object.</summary>
    public const string MetadataHeader = "Pact-Message-Metadata";

    public async ValueTask<MockResponse> HandleAsync(MockRequest request)
    {
        if (Parse(request.Body) is not ({ } description, { } asked))
        {
            return ErrorBodies.BadRequest("a message request is {\"description\": \"...\", \"providerStates\": [{\"name\": \"...\", \"params\": {...}}]}, as Pact verifiers send it");
        }

        try
        {
            (ProviderState State, Dictionary<string, string> Values, bool ChannelGiven)? chosen = null;
            foreach (var (name, parameters) in asked.Count == 0 ? [(string.Empty, new JsonObject())] : asked)
            {
                var body = new JsonObject { ["state"] = name, ["params"] = parameters, ["action"] = "setup" };
                var answer = await states.HandleAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
                if (answer.Status != 200)
                {
                    return answer; // the provider-state handler's 400 already names the state and why
                }

                if (catalog.Find(name)?.State is { Message: not null } state)
                {
                    if (chosen is not null)
                    {
                        return ErrorBodies.BadRequest($"'{ParameterReader.Printable(description)}': provider states '{chosen.Value.State.State}' and '{name}' both name a message; give one");
                    }

                    chosen = (state, JsonSerializer.Deserialize<Dictionary<string, string>>(answer.Body) ?? [], parameters.ContainsKey(ChannelParameter));
                }
            }

            if (chosen is not { } found)
            {
                var known = catalog.States.Where(s => s.Message is not null).Select(s => $"'{s.State}'");
                return ErrorBodies.BadRequest($"'{ParameterReader.Printable(description)}': none of its provider states names a message the mock sends; give one of {string.Join(", ", known)}");
            }

            return await AnswerAsync(found.State, found.Values, found.ChannelGiven);
        }
        finally
        {
            // This answer is the interaction's "request": the next set-up belongs to another interaction and starts clean.
            await store.UpdateSettingsAsync(settings => settings.States.Phase == StatePhase.SetUp
                ? settings with { States = settings.States with { Phase = StatePhase.Served } }
                : settings);
        }
    }

    private static MockResponse Answer(EventMessage message, IReadOnlyDictionary<string, string> headers)
    {
        var metadata = new JsonObject { ["contentType"] = "application/json", ["X-Message-Id"] = message.Id };
        foreach (var (name, value) in headers)
        {
            metadata[name] = value;
        }

        return new MockResponse(200)
        {
            ContentType = "application/json",
            Body = Fixtures.World.JsonBody.Serialize(message.Body, string.Empty),
        }.WithHeader(MetadataHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(metadata.ToJsonString())));
    }

    private static (string? Description, List<(string Name, JsonObject Params)>? States) Parse(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json || json["description"] is not JsonValue d || !d.TryGetValue<string>(out var description))
            {
                return (null, null);
            }

            var states = new List<(string, JsonObject)>();
            foreach (var item in json["providerStates"] as JsonArray ?? [])
            {
                if (item is not JsonObject state || state["name"] is not JsonValue n || !n.TryGetValue<string>(out var name))
                {
                    return (null, null);
                }

                states.Add((name, state["params"] is JsonObject parameters ? (JsonObject)parameters.DeepClone() : []));
            }

            return (description, states);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
