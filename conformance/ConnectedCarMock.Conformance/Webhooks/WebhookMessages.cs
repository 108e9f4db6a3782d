using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Webhooks;

/// <summary>One message kind the runner sends: how to build a fresh message of it, and whether processing it must show.</summary>
internal sealed record MessageCase(string Name, Func<string, EventMessage> Build, bool IsResult);

/// <summary>One body to post, with its id and how it was made.</summary>
internal sealed record Outgoing(string Label, string MessageId, byte[] Body, string ContentType = "application/json");

/// <summary>
/// The messages of a run, built like the mock builds them (the same factory, world and seed): every
/// kind, its sweep variants, enum variants, and malformed bodies. Each message gets a fresh id,
/// salted with the run id, so a receiver's de-duplication never hides a case.
/// </summary>
internal sealed class WebhookMessages
{
    private readonly MessageFactory _factory;
    private readonly string _channel;
    private readonly string _vehicle;

    public WebhookMessages(long seed, string runId)
    {
        var world = new FleetWorld(SpecLoader.LoadEmbedded(), new WorldOptions { Seed = seed });
        _factory = new MessageFactory(new ResourceRenderer(world));
        _channel = "conformance-" + runId;
        _vehicle = world.IdsOf(world.Model.ByItem(EventCatalog.ConnectedCar.Vehicle)!, new Dictionary<string, string>())[0];
        var remote = new JsonObject
        {
            ["label"] = "Lock after parking",
            ["action"] = new JsonObject { ["locking"] = new JsonObject { ["state"] = "Locked" } },
            ["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "vin", ["value"] = "$Vin" }),
            ["extendedEventParam"] = new JsonArray("vehicle.position"),
        };
        var monitor = new JsonObject
        {
            ["label"] = "Battery low",
            ["subscribeParam"] = new JsonObject { ["refreshEvent"] = 600 },
            ["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "monitor", ["value"] = "$MonitorLabel" }),
            ["extendedEventParam"] = new JsonArray("vehicle.position"),
        };
        EventMessage Remote(string id, MessageKind kind, RemoteOutcome outcome) =>
            _factory.Remote(new RemoteEventInfo { ChannelId = _channel, VehicleId = _vehicle, RemoteActionId = id, Remote = remote, Kind = kind, Outcome = outcome });
        EventMessage Monitor(string id, int refresh) =>
            _factory.Monitor(new MonitorEventInfo { ChannelId = _channel, VehicleId = _vehicle, MonitorId = id, Monitor = monitor, Values = [new("vehicle.energy.electric.level", "4", "12")], Refresh = refresh });
        Cases =
        [
            new("remote.pending", id => Remote(id, MessageKind.RemotePending, RemoteOutcome.Success), IsResult: false),
            new("remote.done.success", id => Remote(id, MessageKind.RemoteDone, RemoteOutcome.Success), IsResult: true),
            new("remote.done.already-done", id => Remote(id, MessageKind.RemoteDone, RemoteOutcome.AlreadyDone), IsResult: true),
            new("remote.done.failed", id => Remote(id, MessageKind.RemoteDone, RemoteOutcome.Failed("DoorsOpen")), IsResult: true),
            new("monitor.trigger", id => Monitor(id, 0), IsResult: true),
            new("monitor.refresh", id => Monitor(id, 1), IsResult: false),
        ];
    }

    public IReadOnlyList<MessageCase> Cases { get; }

    public ApiDocument Notification => _factory.Notification;

    public Outgoing Plain(MessageCase kind, string salt)
    {
        var message = kind.Build($"{_channel}-{kind.Name}-{salt}");
        return new Outgoing("valid", message.Id, Encoding.UTF8.GetBytes(message.Body.ToJsonString(JsonBody.Options)));
    }

    /// <summary>Every single-field variant of the kind, each a message of its own.</summary>
    public IEnumerable<Outgoing> Variants(MessageCase kind)
    {
        for (var n = 0; ; n++)
        {
            var message = kind.Build($"{_channel}-{kind.Name}-sweep{n}");
            var (body, report) = MessageVariation.Write(Notification, message.Body, new VariationSettings { Sweep = n }, 0);
            if (body is null)
            {
                yield break;
            }

            yield return new Outgoing($"sweep={n} ({report!.Pointers})", message.Id, body);
        }
    }

    /// <summary>The kind with enum values the format does not list (a few seeds).</summary>
    public IEnumerable<Outgoing> UnknownEnums(MessageCase kind)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            var message = kind.Build($"{_channel}-{kind.Name}-enum{seed}");
            var (body, report) = MessageVariation.Write(Notification, message.Body, new VariationSettings { Enum = 1 }, seed);
            yield return new Outgoing($"enum ({report!.Pointers})", message.Id, body!);
        }
    }

    /// <summary>Bodies no receiver should take for a message, and none should crash on.</summary>
    public IEnumerable<Outgoing> Malformed()
    {
        var valid = Plain(Cases[1], "malformed").Body;
        var text = Encoding.UTF8.GetString(valid);
        var n = 0;
        Outgoing Bad(string label, string body, string type = "application/json") => new(label, $"{_channel}-malformed-{n++}", Encoding.UTF8.GetBytes(body), type);
        yield return Bad("not JSON (cut short)", text[..(text.Length / 2)]);
        yield return Bad("empty body", string.Empty);
        yield return Bad("a JSON array", "[]");
        yield return Bad("JSON null", "null");
        yield return Bad("required fields missing", """{"type":"Remote"}""");
        yield return Bad("wrong types", """{"channelId":42,"type":true,"date":[],"remoteEvent":"Done"}""");
        yield return Bad("remoteEvent of the wrong shape", """{"channelId":"c","type":"Remote","date":"2025-06-02T09:00:00Z","remoteEvent":{"eventStatus":7}}""");
        yield return Bad("XML", "<message/>", "application/xml");
        yield return new Outgoing("invalid UTF-8", $"{_channel}-malformed-{n}", [.. "{\"channelId\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
    }
}
