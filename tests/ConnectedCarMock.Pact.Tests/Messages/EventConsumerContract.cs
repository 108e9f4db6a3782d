using System.Text.Json;

namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// CarApp's expectations of the events the platform sends to its channel: a remote action pending, then done
/// (succeeded, failed with a cause, or failed because the scenario makes every command fail), and a monitor that
/// triggered, then reminded. Each message is handed to a small handler, as CarApp's webhook receiver would get it.
/// The provider states are the mock's event-message states (docs/pact.md), so the mock can produce every message.
/// </summary>
internal static class EventConsumerContract
{
    public const string Consumer = "CarAppEvents";
    public const string Provider = "ConnectedCarApi";
    public const string ChannelId = "4d7e2a90-1b3c-4f5e-8a6b-2c9d0e1f3a5b";
    private const string Date = "2024-05-14T08:20:25Z";

    public static IReadOnlyList<string> Descriptions =>
    [
        "a remote action pending event", "a remote action done event", "a remote action failed event",
        "a remote action done event while commands fail", "a monitor triggered event", "a monitor reminder event",
    ];

    public static void DeclareAll(MessagePactBuilder pact)
    {
        Remote(pact, Descriptions[0], new { type = Match.Equality("Pending"), status = Match.Regex("SentToVehicle", "^(Accepted|WakingUpVehicle|CheckingVehicle|SentToVehicle)$") })
            .Given("a remote action is pending", new { channelId = ChannelId });
        Remote(pact, Descriptions[1], new { type = Match.Equality("Done"), status = Match.Equality("Success") })
            .Given("a remote action succeeded", new { channelId = ChannelId, action = "locking" });
        Remote(pact, Descriptions[2], new { type = Match.Equality("Done"), status = Match.Equality("Failed"), failureCause = Match.Equality("DoorsOpen") })
            .Given("a remote action failed", new { channelId = ChannelId, cause = "DoorsOpen" });
        Remote(pact, Descriptions[3], new { type = Match.Equality("Done"), status = Match.Equality("Failed"), failureCause = Match.Type("VehicleConnectionTimeout") })
            .Given("remote commands fail")
            .Given("a remote action is done", new { channelId = ChannelId });
        Monitor(pact, Descriptions[4], refresh: false).Given("a monitor triggered");
        Monitor(pact, Descriptions[5], refresh: true).Given("a monitor sent a reminder");
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

    private static MessageBuilder Remote(MessagePactBuilder pact, string description, object eventStatus) =>
        pact.ExpectsToReceive(description)
            .WithMetadata("contentType", "application/json")
            .WithJsonContent(new
            {
                channelId = Match.Type(ChannelId),
                type = Match.Equality("Remote"),
                date = Match.DateTime(Date),
                remoteEvent = new
                {
                    remoteActionId = Match.Regex("2b7d1e0f4a3c4e5f9a8b7c6d", "^[0-9a-f]+$"),
                    remoteType = Match.Type("Doors"),
                    eventStatus,
                },
            });

    private static MessageBuilder Monitor(MessagePactBuilder pact, string description, bool refresh) =>
        pact.ExpectsToReceive(description)
            .WithMetadata("contentType", "application/json")
            .WithJsonContent(new
            {
                channelId = Match.Type(ChannelId),
                type = Match.Equality("Monitor"),
                date = Match.DateTime(Date),
                monitorEvent = new
                {
                    monitorId = Match.Type("6c0e1f2a3b4c5d6e7f8091a2"),
                    data = new { refresh = Match.Equality(refresh) },
                },
            });
}
