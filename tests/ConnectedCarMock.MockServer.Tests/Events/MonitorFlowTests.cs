using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>Monitors fire on demand and from scenarios, send reminders where they ask for them, and stop when paused or deleted.</summary>
public class MonitorFlowTests
{
    [Test]
    public async Task A_trigger_sends_the_values_that_caused_it_then_the_reminders_the_monitor_asked_for()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { RefreshPeriod = TimeSpan.FromMilliseconds(50) });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var monitor = EventsMock.BatteryMonitor();
        monitor["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "monitor", ["value"] = "$MonitorLabel" });
        var monitorId = await mock.CreateMonitorAsync(channel, monitor);
        var trigger = new JsonObject
        {
            ["values"] = new JsonArray(new JsonObject { ["data"] = "vehicle.energy.electric.level", ["value"] = "7", ["previous"] = "12" }),
            ["vehicleId"] = mock.Vehicles[1],
            ["refreshes"] = 2,
        };

        using var response = await mock.Http.PostAsync($"/__mock/monitors/{monitorId}/trigger", EventsMock.Json(trigger));

        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var received = await receiver.WaitForAsync(3);
        var messages = received.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m["monitorEvent"]!["data"]!["refresh"]!.GetValue<bool>()), Is.EqualTo(new[] { false, true, true }));
            foreach (var (request, message) in received.Zip(messages))
            {
                Assert.That(NotificationSpecs.Problems(request.Body), Is.Empty, request.Body);
                Assert.That(message["type"]!.GetValue<string>(), Is.EqualTo("Monitor"));
                Assert.That(message["monitorEvent"]!["monitorId"]!.GetValue<string>(), Is.EqualTo(monitorId));
                Assert.That(message["monitorEvent"]!["data"]!["values"]!.ToJsonString(), Is.EqualTo("""[{"data":"vehicle.energy.electric.level","value":"7","previous":"12"}]"""));
                Assert.That(message["monitorEvent"]!["data"]!["extensions"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("vehicle.position"));
                Assert.That(message["attributes"]!.ToJsonString(), Is.EqualTo("""[{"key":"monitor","value":"Battery low"}]"""));
            }
        });
        Assert.That(received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count(), Is.EqualTo(3));
        Assert.That(mock.Deliveries.OfMonitor(monitorId).Select(d => d.Kind), Is.EqualTo(new[] { MessageKind.MonitorTrigger, MessageKind.MonitorRefresh, MessageKind.MonitorRefresh }));
    }

    [Test]
    public async Task A_monitor_that_asks_for_no_reminders_sends_none()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { RefreshPeriod = TimeSpan.FromMilliseconds(20) });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var monitorId = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor(refresh: false));

        var result = await mock.Deliveries.TriggerMonitorAsync(monitorId);
        var trigger = await mock.Deliveries.WaitForAsync(d => d.MonitorId == monitorId);

        Assert.That(result.Refreshes, Is.Zero);
        Assert.That(JsonNode.Parse(trigger.Message)!["monitorEvent"]!["data"]!["values"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("9"), "lowerThan 10 fires with 9");
        Assert.ThrowsAsync<ArgumentException>(() => mock.Deliveries.TriggerMonitorAsync(monitorId, new MonitorTrigger { Refreshes = 2 }));
        await Task.Delay(200); // reminders would have come every 20 ms
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_low_battery_scenario_fires_a_battery_monitor_as_soon_as_it_is_created()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);

        var monitorId = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor(refresh: false), new Dictionary<string, string> { ["X-Mock-Scenario"] = "low-battery" });

        var message = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!;
        Assert.That(message["monitorEvent"]!["monitorId"]!.GetValue<string>(), Is.EqualTo(monitorId));
        Assert.That(message["monitorEvent"]!["data"]!["values"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("4"), "the level the scenario pins");
        var delivery = mock.Deliveries.OfMonitor(monitorId).Single();
        Assert.That(delivery.VehicleId, Is.EqualTo(mock.Vehicles[0]), "the scenario's vehicle");
    }

    [Test]
    public async Task Without_the_scenario_creating_the_same_monitor_fires_nothing()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);

        await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor(refresh: false));

        await Task.Delay(200);
        Assert.That(mock.Deliveries.All, Is.Empty);
    }

    [Test]
    public async Task With_events_off_api_requests_raise_none_and_triggers_still_work()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { Enabled = false });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        var monitorId = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor(refresh: false), new Dictionary<string, string> { ["X-Mock-Scenario"] = "low-battery" });

        await mock.Deliveries.TriggerMonitorAsync(monitorId);

        var only = await mock.Deliveries.WaitForAsync(_ => true);
        await Task.Delay(200);
        Assert.That(only.Kind, Is.EqualTo(MessageKind.MonitorTrigger));
        Assert.That(mock.Deliveries.All, Has.Count.EqualTo(1), "the remote and the scenario raised nothing");
    }

    [Test]
    public async Task A_paused_channel_sends_nothing_and_a_resumed_one_sends_again()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);
        await mock.SetStatusAsync($"/accounts/channels/{channel}", "Paused");

        var paused = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        var both = await mock.Deliveries.WaitForAsync(2, d => d.RemoteId == paused);

        Assert.That(both.Select(d => (d.Outcome, d.Reason)), Is.All.EqualTo((DeliveryOutcome.NotDelivered, "the channel is Paused")));
        Assert.That(both.SelectMany(d => d.Attempts), Is.Empty);
        Assert.That(receiver.Received, Is.Empty);

        await mock.SetStatusAsync($"/accounts/channels/{channel}", "Running");
        await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        Assert.That(await receiver.WaitForAsync(2), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_paused_monitor_sends_nothing()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var monitorId = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor(refresh: false));
        await mock.SetStatusAsync($"/accounts/channels/{channel}/monitors/{monitorId}", "Paused");

        await mock.Deliveries.TriggerMonitorAsync(monitorId);

        var delivery = await mock.Deliveries.WaitForAsync(d => d.MonitorId == monitorId);
        Assert.That((delivery.Outcome, delivery.Reason), Is.EqualTo((DeliveryOutcome.NotDelivered, "the monitor is Paused")));
        Assert.That(receiver.Received, Is.Empty);
    }

    [Test]
    public async Task A_deleted_monitor_stops_its_reminders()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { RefreshPeriod = TimeSpan.FromMilliseconds(400) });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var monitorId = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor());
        await mock.Deliveries.TriggerMonitorAsync(monitorId, new MonitorTrigger { Refreshes = 5 });
        await receiver.WaitForAsync(1);

        using (var deleted = await mock.Http.DeleteAsync($"{mock.Api}/accounts/channels/{channel}/monitors/{monitorId}"))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        var reminder = await mock.Deliveries.WaitForAsync(d => d.MonitorId == monitorId && d.Kind == MessageKind.MonitorRefresh);
        Assert.That((reminder.Outcome, reminder.Reason), Is.EqualTo((DeliveryOutcome.NotDelivered, "the monitor was deleted")));
        await Task.Delay(600);
        Assert.That(mock.Deliveries.OfMonitor(monitorId), Has.Count.EqualTo(2), "no reminder after the one that found the monitor deleted");
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }

    [TestCase("nope", "{}", 404)]
    [TestCase(null, """{"values": [{"data": "vehicle.flux.capacitor", "value": "1"}]}""", 400)]
    [TestCase(null, """{"vehicleId": "not-a-vehicle"}""", 400)]
    [TestCase(null, """{"values": 3}""", 400)]
    [TestCase(null, """{"scenario": "no-such-scenario"}""", 400)]
    public async Task A_bad_trigger_is_refused_with_the_error_body(string? monitorId, string body, int status)
    {
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync("http://127.0.0.1:9/hooks");
        monitorId ??= await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor());

        using var response = await mock.Http.PostAsync($"/__mock/monitors/{monitorId}/trigger", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(error["name"], Is.Not.Null);
        Assert.That(error["message"], Is.Not.Null);
        Assert.That(error["debug"], Is.Not.Null);
    }
}
