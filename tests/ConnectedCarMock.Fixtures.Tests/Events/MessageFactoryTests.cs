using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Events;

/// <summary>
/// Messages of every kind, outcome, failure cause, datum and extension are valid against our
/// notification document (strict) and the companion document (tolerant), on the world of either
/// main document, and deterministic from the seed.
/// </summary>
public class MessageFactoryTests
{
    // The companion enum names no message type for these two command kinds of the main document (see our document's difference list).
    private static readonly string[] NotInCompanionRemoteTypes = ["vehicleFinder", "onboardPersonalData"];

    private static readonly string[] RemoteExtensions = ["vehicle.latestTelemetry", "vehicle.doorsState", "vehicle.maintenance", "vehicle.position", "vehicle.alerts.active", "vehicle.alarm"];

    public static IEnumerable<TestCaseData> Worlds() => Specs.Names.Select(n => new TestCaseData(n).SetName($"messages › {n}"));

    [TestCaseSource(nameof(Worlds))]
    public void Every_remote_message_is_valid(string spec)
    {
        var factory = Factory(spec);
        var vehicle = Vehicles(factory)[0];
        var checkedMessages = 0;
        foreach (var (kind, _) in EventCatalog.ConnectedCar.RemoteTypes)
        {
            var remote = new JsonObject
            {
                ["label"] = $"{kind} now",
                ["action"] = new JsonObject { [kind] = new JsonObject() },
                ["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "vin", ["value"] = "$Vin" }),
                ["extendedEventParam"] = new JsonArray(RemoteExtensions.Select(e => (JsonNode)e).ToArray()),
            };
            var outcomes = new[] { RemoteOutcome.Success, RemoteOutcome.AlreadyDone }.Concat(factory.FailureCauses.Select(RemoteOutcome.Failed));
            foreach (var (stage, outcome) in outcomes.Select(o => (MessageKind.RemoteDone, o)).Prepend((MessageKind.RemotePending, RemoteOutcome.Success)))
            {
                var message = factory.Remote(new RemoteEventInfo { ChannelId = "c0ffee", VehicleId = vehicle, RemoteActionId = "r-" + kind, Remote = remote, Kind = stage, Outcome = outcome });
                var problems = NotificationSpecs.Problems(message.Body.ToJsonString());
                if (NotInCompanionRemoteTypes.Contains(kind))
                {
                    problems = problems.Where(p => !(p.StartsWith("companion:", StringComparison.Ordinal) && p.Contains("/remoteEvent/remoteType", StringComparison.Ordinal))).ToList();
                }

                Assert.That(problems, Is.Empty, $"{kind} {stage} {outcome}: {message.Body.ToJsonString()}");
                Assert.That(message.Body["remoteEvent"]!["extensions"]!.AsArray(), Has.Count.EqualTo(RemoteExtensions.Length), "every extension asked for is there");
                Assert.That(message.Body["attributes"]![0]!["value"]!.GetValue<string>(), Has.Length.EqualTo(17), "$Vin is a VIN");
                checkedMessages++;
            }
        }

        TestContext.Out.WriteLine($"{spec}: {checkedMessages} remote messages valid");
    }

    [TestCaseSource(nameof(Worlds))]
    public void Every_monitor_message_is_valid(string spec)
    {
        var factory = Factory(spec);
        var extensions = new JsonArray(EventCatalog.ConnectedCar.Extensions.Keys.Select(k => (JsonNode)k).ToArray());
        var monitor = new JsonObject { ["label"] = "Everything", ["extendedEventParam"] = extensions, ["subscribeParam"] = new JsonObject { ["refreshEvent"] = 120 } };
        foreach (var vehicle in Vehicles(factory))
        {
            foreach (var refresh in new[] { 0, 1, 2 })
            {
                var values = factory.MonitoredData.Select(d => new TriggerValue(d, "1", refresh == 0 ? null : "0")).ToList();
                var message = factory.Monitor(new MonitorEventInfo { ChannelId = "c0ffee", MonitorId = "m1", VehicleId = vehicle, Monitor = monitor, Values = values, Refresh = refresh });

                Assert.That(NotificationSpecs.Problems(message.Body.ToJsonString()), Is.Empty, message.Body.ToJsonString());
                Assert.That(message.Kind, Is.EqualTo(refresh == 0 ? MessageKind.MonitorTrigger : MessageKind.MonitorRefresh));
                Assert.That(message.Body["monitorEvent"]!["data"]!["values"]!.AsArray(), Has.Count.EqualTo(factory.MonitoredData.Count));
                Assert.That(message.Body["monitorEvent"]!["data"]!["extensions"]!.AsArray(), Has.Count.EqualTo(extensions.Count), "every kind the world can serve");
            }
        }
    }

    [Test]
    public void Messages_are_deterministic_from_the_seed()
    {
        string Build(long seed)
        {
            var factory = Factory(Specs.Ours, seed);
            var remote = new JsonObject { ["action"] = new JsonObject { ["horn"] = new JsonObject() }, ["extendedEventParam"] = new JsonArray("vehicle.position") };
            var message = factory.Remote(new RemoteEventInfo { ChannelId = "c", VehicleId = Vehicles(factory)[0], RemoteActionId = "r", Remote = remote });
            return message.Id + " " + message.Body.ToJsonString();
        }

        Assert.That(Build(7), Is.EqualTo(Build(7)));
        Assert.That(Build(7), Is.Not.EqualTo(Build(8)));
    }

    [Test]
    public void Each_message_of_an_event_has_its_own_id_and_the_same_event_the_same()
    {
        var factory = Factory(Specs.Ours);
        var vehicle = Vehicles(factory)[0];
        RemoteEventInfo Remote(MessageKind kind) => new() { ChannelId = "c", VehicleId = vehicle, RemoteActionId = "r", Kind = kind };
        MonitorEventInfo Monitor(long occurrence, int refresh) => new() { ChannelId = "c", VehicleId = vehicle, MonitorId = "m", Occurrence = occurrence, Refresh = refresh };

        var ids = new[]
        {
            factory.Remote(Remote(MessageKind.RemotePending)).Id, factory.Remote(Remote(MessageKind.RemoteDone)).Id,
            factory.Monitor(Monitor(1, 0)).Id, factory.Monitor(Monitor(1, 1)).Id, factory.Monitor(Monitor(2, 0)).Id,
        };

        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Length));
        Assert.That(factory.Remote(Remote(MessageKind.RemoteDone)).Id, Is.EqualTo(ids[1]));
    }

    [TestCase("missing=0.5,extra=0.5")]
    [TestCase("missing=1")]
    [TestCase("extra=1")]
    public void Varied_messages_stay_valid_for_a_tolerant_reader(string variation)
    {
        var factory = Factory(Specs.Ours);
        var settings = VariationSettings.Parse(variation).Settings!;
        var schema = factory.Notification.Schemas[NotificationDocument.MessageSchema];
        foreach (var message in Samples(factory))
        {
            for (var seed = 0; seed < 20; seed++)
            {
                var (body, report) = MessageVariation.Write(factory.Notification, message.Body, settings, seed);
                var text = System.Text.Encoding.UTF8.GetString(body!);
                Assert.That(factory.Notification.Validator.Validate(schema, text, ValidationMode.Tolerant).ToString(), Is.EqualTo("valid"), $"{message.Kind} seed {seed}: {report!.Pointers}");
                Assert.That(JsonNode.Parse(text)!["channelId"], Is.Not.Null, "required fields are never removed");
            }
        }
    }

    [Test]
    public void A_sweep_walks_every_single_field_variant_and_stops_after_the_last()
    {
        var factory = Factory(Specs.Ours);
        foreach (var message in Samples(factory))
        {
            var (_, probe) = MessageVariation.Write(factory.Notification, message.Body, new VariationSettings { Sweep = 0 }, 0);
            var variants = probe!.Variants!.Value;
            var bodies = Enumerable.Range(0, variants).Select(n => System.Text.Encoding.UTF8.GetString(MessageVariation.Write(factory.Notification, message.Body, new VariationSettings { Sweep = n }, 0).Body!)).ToList();

            Assert.That(variants, Is.GreaterThan(5), message.Kind.ToString());
            Assert.That(bodies.Distinct().Count(), Is.EqualTo(variants), "every variant differs");
            Assert.That(MessageVariation.Write(factory.Notification, message.Body, new VariationSettings { Sweep = variants }, 0).Body, Is.Null);
        }
    }

    internal static IEnumerable<EventMessage> Samples(MessageFactory factory)
    {
        var vehicle = Vehicles(factory)[0];
        var remote = new JsonObject
        {
            ["label"] = "Lock",
            ["action"] = new JsonObject { ["locking"] = new JsonObject { ["state"] = "Locked" } },
            ["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "site", ["value"] = "Lyon" }),
            ["extendedEventParam"] = new JsonArray("vehicle.position"),
        };
        yield return factory.Remote(new RemoteEventInfo { ChannelId = "c", VehicleId = vehicle, RemoteActionId = "r", Remote = remote });
        yield return factory.Remote(new RemoteEventInfo { ChannelId = "c", VehicleId = vehicle, RemoteActionId = "r", Remote = remote, Kind = MessageKind.RemoteDone, Outcome = RemoteOutcome.Failed("DoorsOpen") });
        var monitor = new JsonObject { ["label"] = "Battery", ["extendedEventParam"] = new JsonArray("vehicle.position") };
        yield return factory.Monitor(new MonitorEventInfo { ChannelId = "c", VehicleId = vehicle, MonitorId = "m", Monitor = monitor, Values = [new("vehicle.energy.electric.level", "4", "12")] });
        yield return factory.Monitor(new MonitorEventInfo { ChannelId = "c", VehicleId = vehicle, MonitorId = "m", Monitor = monitor, Values = [new("vehicle.energy.electric.level", "4")], Refresh = 1 });
    }

    internal static MessageFactory Factory(string spec, long seed = 20250602) =>
        new(new ResourceRenderer(new FleetWorld(Specs.ByName(spec), new WorldOptions { Seed = seed })));

    private static IReadOnlyList<string> Vehicles(MessageFactory factory) =>
        factory.World.IdsOf(factory.World.Model.ByItem("/accounts/vehicles/{id}")!, new Dictionary<string, string>());
}
