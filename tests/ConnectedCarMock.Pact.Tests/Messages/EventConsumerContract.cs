using System.Text.Json;

namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// CarApp's expectations of the events the platform sends to its channel: a remote action pending, then done
/// (succeeded or failed), and a monitor that triggered. Each message is handed to a small handler, as CarApp's
/// webhook receiver would get it.
/// </summary>
internal static class EventConsumerContract
{
    public const string Consumer = "CarAppEvents";
    public const string Provider = "ConnectedCarApi";
    private const string ChannelId = "4d7e2a90-1b3c-4f5e-8a6b-2c9d0e1f3a5b";
    private const string Date = "2024-05-14T08:20:25Z";

    public static void DeclareAll(MessagePactBuilder pact)
    {
        Remote(pact, "a remote action pending event", "a remote action was sent to the vehicle", new { type = Match.Type("Pending"), status = Match.Type("SentToVehicle") });
        Remote(pact, "a remote action done event", "a remote action succeeded", new { type = Match.Equality("Done"), status = Match.Type("Success") });
        Remote(pact, "a remote action failed event", "a remote action failed", new { type = Match.Equality("Done"), status = Match.Equality("Failed"), failureCause = Match.Type("VehicleConnectionTimeout") });
        pact.ExpectsToReceive("a monitor triggered event")
            .Given("a monitor triggered", new { channelId = ChannelId })
            .WithMetadata("contentType", "application/json")
            .WithJsonContent(new
            {
                channelId = Match.Type(ChannelId),
                type = Match.Equality("Monitor"),
                date = Match.DateTime(Date),
                monitorEvent = new { monitorId = Match.Type("6c0e1f2a3b4c5d6e7f8091a2") },
            });
    }

    /// <summary>What CarApp's receiver reads of a message: its type, and the remote action's status or the monitor's id.</summary>
    public static Task HandleAsync(string json)
    {
        using var message = JsonDocument.Parse(json);
        var root = message.RootElement;
        var type = root.GetProperty("type").GetString();
        var detail = type == "Remote"
            ? root.GetProperty("remoteEvent").GetProperty("eventStatus").GetProperty("type").GetString()
            : root.GetProperty("monitorEvent").GetProperty("monitorId").GetString();
        Assert.That((type, detail, root.GetProperty("channelId").GetString()), Is.Not.EqualTo((null as string, null as string, null as string)));
        return Task.CompletedTask;
    }

    private static void Remote(MessagePactBuilder pact, string description, string state, object eventStatus) =>
        pact.ExpectsToReceive(description)
            .Given(state, new { channelId = ChannelId })
            .WithMetadata("contentType", "application/json")
            .WithJsonContent(new
            {
                channelId = Match.Type(ChannelId),
                type = Match.Equality("Remote"),
                date = Match.DateTime(Date),
                remoteEvent = new
                {
                    remoteActionId = Match.Type("2b7d1e0f4a3c4e5f9a8b7c6d5e4f3a2b"),
                    remoteType = Match.Type("Doors"),
                    eventStatus,
                },
            });
}
