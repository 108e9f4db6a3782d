using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// The variation of the REST answers applies to messages: a sweep walks every single-field variant
/// of every message kind. The sample tolerant receiver accepts them all; the brittle one fails,
/// and the failure names the variant.
/// </summary>
public class TolerantReceiverTests
{
    [Test]
    public async Task The_sample_tolerant_receiver_accepts_every_variant_of_every_message_kind()
    {
        var sample = new TolerantReceiver();
        await using var receiver = WebhookReceiver.Start(sample.HandleAsync);
        await using var mock = await EventsMock.StartAsync(o => o with { RefreshPeriod = TimeSpan.Zero });

        var swept = await SweepAsync(mock, receiver.Url);

        var failures = swept.Where(s => s.Delivery.Attempts.LastOrDefault()?.Status is not (>= 200 and < 300)).Select(Describe).ToList();
        var perKind = swept.GroupBy(s => s.Name).Select(g => $"{g.Key}: {g.Count()}").ToList();
        TestContext.Out.WriteLine($"{swept.Count} variants delivered ({string.Join(", ", perKind)})");
        Assert.That(perKind, Has.Count.EqualTo(5), "remote pending, done, failed; monitor trigger, refresh");
        Assert.That(swept.GroupBy(s => s.Name).Select(g => g.Count()), Is.All.GreaterThan(5));
        Assert.That(failures, Is.Empty);
        Assert.That(swept.Select(s => s.Delivery.Variation), Is.All.StartsWith("sweep="), "each delivery says which variant it is");
        Assert.That(sample.Processed, Has.Count.EqualTo(mock.Deliveries.All.Count(d => d.Outcome == DeliveryOutcome.Delivered)), "each message processed once");
    }

    [Test]
    public async Task A_brittle_receiver_fails_and_the_failure_names_the_variant()
    {
        await using var receiver = WebhookReceiver.Start(new BrittleReceiver().HandleAsync);
        await using var mock = await EventsMock.StartAsync(o => o with { MaxAttempts = 1 });

        var swept = await SweepAsync(mock, receiver.Url, kinds: 1);

        var failures = swept.Where(s => s.Delivery.Attempts.LastOrDefault()?.Status is not (>= 200 and < 300)).Select(Describe).ToList();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, failures));
        Assert.That(failures, Is.Not.Empty);
        Assert.That(failures, Has.Some.Match(@"variant \d+ \(added=/[^)]+\) broke the receiver"), "an unknown field breaks it");
        Assert.That(failures, Has.Some.Match(@"variant \d+ \(removed=/attributes\) broke the receiver"), "a missing optional field breaks it");
        Assert.That(swept.Any(s => s.Delivery.Attempts[0].Status == 201), Is.True, "the plain parts of the sweep pass");
    }

    private static string Describe((string Name, int Variant, Delivery Delivery) s) =>
        $"{s.Name} variant {s.Variant} ({s.Delivery.VariationPointers}) broke the receiver: {s.Delivery.Attempts.LastOrDefault()?.Status}";

    /// <summary>Raises every message kind with <c>sweep=n</c> for n = 0, 1... until each kind has no variant left.</summary>
    private static async Task<List<(string Name, int Variant, Delivery Delivery)>> SweepAsync(EventsMock mock, string target, int kinds = 3)
    {
        var channel = await mock.CreateChannelAsync(target);
        var remote = EventsMock.Lock();
        remote["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "site", ["value"] = "Lyon" });
        remote["extendedEventParam"] = new JsonArray("vehicle.position");
        var monitor = EventsMock.BatteryMonitor();
        monitor["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "site", ["value"] = "Lyon" });
        var monitorId = await mock.CreateMonitorAsync(channel, monitor);
        var raisers = new List<Func<string, Task<IReadOnlyList<Delivery>>>>
        {
            async variation => await Remote(mock, channel, remote, variation, "Success"),
            async variation => (await Remote(mock, channel, remote, variation, "Failed:DoorsOpen")).Where(d => d.Kind == MessageKind.RemoteDone).ToList(),
            async variation =>
            {
                await mock.Deliveries.TriggerMonitorAsync(monitorId, new MonitorTrigger { Variation = variation, Refreshes = 1 });
                var occurrence = mock.Deliveries.OfMonitor(monitorId).Count;
                return await mock.Deliveries.WaitForAsync(occurrence + 2, d => d.MonitorId == monitorId).ContinueWith(t => (IReadOnlyList<Delivery>)t.Result.Skip(occurrence).ToList());
            },
        };

        var swept = new List<(string, int, Delivery)>();
        foreach (var raise in raisers.Take(kinds))
        {
            for (var n = 0; ; n++)
            {
                var deliveries = await raise($"sweep={n}");
                var live = deliveries.Where(d => d.Reason?.Contains("beyond", StringComparison.Ordinal) != true).ToList();
                swept.AddRange(live.Select(d => (Name(d), n, d)));
                if (live.Count == 0)
                {
                    break;
                }
            }
        }

        return swept;
    }

    private static async Task<IReadOnlyList<Delivery>> Remote(EventsMock mock, string channel, JsonObject remote, string variation, string outcome)
    {
        var id = await mock.CreateRemoteAsync(mock.Vehicles[0], channel, (JsonObject)remote.DeepClone(), new Dictionary<string, string>
        {
            [DeliveryHeaders.EventVariation] = variation,
            [DeliveryHeaders.RemoteOutcome] = outcome,
        });
        return await mock.Deliveries.WaitForAsync(2, d => d.RemoteId == id);
    }

    private static string Name(Delivery delivery) => delivery.Kind switch
    {
        MessageKind.RemoteDone when delivery.Message.Contains("\"Failed\"", StringComparison.Ordinal) => "remote failed",
        MessageKind.RemoteDone => "remote done",
        MessageKind.RemotePending => "remote pending",
        MessageKind.MonitorTrigger => "monitor trigger",
        _ => "monitor refresh",
    };
}
