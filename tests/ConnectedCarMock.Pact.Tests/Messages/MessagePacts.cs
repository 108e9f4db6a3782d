namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// A wrong message expectation, what catches it and why: check-spec (the mismatch kind and pointer, when the
/// message contradicts the notification document) and verification against the mock (words of the mismatch).
/// </summary>
internal sealed record WrongMessage(string Name, Action<MessagePactBuilder> Declare, PactMismatchKind? SpecKind, string? SpecPointer, string VerificationReason)
{
    public override string ToString() => Name;
}

/// <summary>
/// Message pacts written by our <see cref="MessagePactBuilder"/> through the engine: CarApp's event pact (good) and
/// one single-message pact per wrong expectation, each failing for the reason its name says.
/// </summary>
internal static class MessagePacts
{
    private const string Channel = EventConsumerContract.ChannelId;

    public static IReadOnlyList<WrongMessage> Wrong =>
    [
        new("a field the message never has", p => Done(p, "a remote action succeeded", new { type = Match.Equality("Done"), status = Match.Type("Success") }, priority: Match.Type("high")),
            PactMismatchKind.UndocumentedProperty, "/contents/priority", "Actual map is missing the following keys: priority"),
        new("an outcome the format does not have", p => Done(p, "a remote action succeeded", new { type = Match.Equality("Done"), status = Match.Equality("Succeeded") }),
            PactMismatchKind.InvalidMessage, "/contents/remoteEvent/eventStatus/status", "to be equal to 'Succeeded'"),
        new("a matcher the mock's ids fail", p => Done(p, "a remote action succeeded", new { type = Match.Equality("Done"), status = Match.Type("Success") }, remoteActionId: Match.Regex("2b7d1e0f4a3c4e5f9a8b7c6d5e4f3a2b", "^[0-9a-f]{32}$")),
            null, null, "to match '^[0-9a-f]{32}$'"),
        new("an outcome the state does not give", p => Done(p, "a remote action succeeded", new { type = Match.Equality("Done"), status = Match.Equality("Failed") }),
            null, null, "Expected 'Success' (String) to be equal to 'Failed'"),
        new("an unknown provider state", p => Done(p, "a remote action exploded", new { type = Match.Equality("Done"), status = Match.Type("Success") }),
            null, null, "unknown provider state 'a remote action exploded'"),
        new("a state that names no message", p => Done(p, "a channel exists", new { type = Match.Equality("Done"), status = Match.Type("Success") }, parameter: "id"),
            null, null, "none of its provider states names a message"),
        new("a monitor id of the wrong type", p => p.ExpectsToReceive("a monitor triggered event with a numeric id").Given("a monitor triggered")
                .WithJsonContent(new { type = Match.Equality("Monitor"), channelId = Match.Type(Channel), date = Match.DateTime("2024-05-14T08:20:25Z"), monitorEvent = new { monitorId = Match.Integer(42) } }),
            PactMismatchKind.InvalidMessage, "/contents/monitorEvent/monitorId", "to be an integer"),
    ];

    /// <summary>CarApp's event pact (<see cref="EventConsumerContract"/>), written into <paramref name="folder"/> (emptied first).</summary>
    public static Task<string> WriteGoodAsync(string folder, PactSpecification specification) =>
        WriteAsync(folder, specification, EventConsumerContract.Consumer, EventConsumerContract.DeclareAll, EventConsumerContract.HandleAsync);

    /// <summary>A one-message pact of a wrong expectation (consumer <c>WrongEvents</c>), written into <paramref name="folder"/> (emptied first).</summary>
    public static Task<string> WriteWrongAsync(string folder, PactSpecification specification, WrongMessage wrong) =>
        WriteAsync(folder, specification, "WrongEvents", wrong.Declare, message =>
        {
            // A wrong message is wrong against the document or the provider, not against JSON: the receiver still gets JSON.
            using var json = System.Text.Json.JsonDocument.Parse(message);
            return Task.CompletedTask;
        });

    private static async Task<string> WriteAsync(string folder, PactSpecification specification, string consumer, Action<MessagePactBuilder> declare, Func<string, Task> handle)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var pact = MessagePactBuilder.Create(consumer, EventConsumerContract.Provider, new PactConfig { PactDir = folder, Specification = specification });
        declare(pact);
        await pact.VerifyAsync(handle);
        return pact.PactFilePath;
    }

    private static void Done(MessagePactBuilder pact, string state, object eventStatus, Matcher? priority = null, Matcher? remoteActionId = null, string parameter = "channelId")
    {
        var remoteEvent = new Dictionary<string, object>
        {
            ["remoteActionId"] = remoteActionId ?? Match.Type("2b7d1e0f4a3c4e5f9a8b7c6d"),
            ["remoteType"] = Match.Type("Doors"),
            ["eventStatus"] = eventStatus,
        };
        var contents = new Dictionary<string, object>
        {
            ["channelId"] = Match.Type(Channel),
            ["type"] = Match.Equality("Remote"),
            ["date"] = Match.DateTime("2024-05-14T08:20:25Z"),
            ["remoteEvent"] = remoteEvent,
        };
        if (priority is not null)
        {
            contents["priority"] = priority;
        }

        pact.ExpectsToReceive($"a remote action done event ({state})")
            .Given(state, new Dictionary<string, string> { [parameter] = Channel })
            .WithMetadata("contentType", "application/json")
            .WithJsonContent(contents);
    }
}
