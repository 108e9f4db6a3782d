using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// A remote created on a webhook channel sends Pending then Done to a real receiver, valid, in order,
/// with the attributes the client registered; the outcome is chosen per request, scenario or provider state.
/// </summary>
public class RemoteFlowTests
{
    [Test]
    public async Task Pending_then_done_reach_the_receiver_valid_in_order_with_the_registered_attributes()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var vehicle = mock.Vehicles[1];
        var attributes = new JsonArray(
            new JsonObject { ["type"] = "Header", ["key"] = "Authorization", ["value"] = "Bearer receiver-secret" },
            new JsonObject { ["type"] = "Header", ["key"] = "X-Vehicle", ["value"] = "$Vin" },
            new JsonObject { ["type"] = "Query", ["key"] = "channel", ["value"] = "$ChannelId" },
            new JsonObject { ["type"] = "Query", ["key"] = "fleet", ["value"] = "north" });
        var channel = await mock.CreateChannelAsync(receiver.Url + "?source=mock", attributes);
        var remote = EventsMock.Lock();
        remote["attributes"] = new JsonArray(new JsonObject { ["type"] = "Body", ["key"] = "kind", ["value"] = "$RemoteType" }, new JsonObject { ["type"] = "Body", ["key"] = "site", ["value"] = "Lyon" });
        remote["extendedEventParam"] = new JsonArray("vehicle.position");

        var remoteId = await mock.CreateRemoteAsync(vehicle, channel, remote);

        var received = await receiver.WaitForAsync(2);
        var vin = (await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/vehicles/{vehicle}"))["vin"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => Status(r.Body)), Is.EqualTo(new[] { "Pending", "Done" }), "Pending first, then Done");
            Assert.That(received.Select(r => JsonNode.Parse(r.Body)!["remoteEvent"]!["eventStatus"]!["status"]!.GetValue<string>()).Last(), Is.EqualTo("Success"));
            foreach (var request in received)
            {
                Assert.That(NotificationSpecs.Problems(request.Body), Is.Empty, request.Body);
                Assert.That(request.Method, Is.EqualTo("POST"));
                Assert.That(request.Path, Is.EqualTo("/hooks"));
                Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
                Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer receiver-secret"));
                Assert.That(request.Header("X-Vehicle"), Is.EqualTo(vin), "$Vin is the vehicle's VIN");
                Assert.That(request.Query, Is.EqualTo($"?source=mock&channel={channel}&fleet=north"));
                Assert.That(request.Header(DeliveryHeaders.MessageId), Is.Not.Empty);
                var message = JsonNode.Parse(request.Body)!;
                Assert.That(message["channelId"]!.GetValue<string>(), Is.EqualTo(channel));
                Assert.That(message["type"]!.GetValue<string>(), Is.EqualTo("Remote"));
                Assert.That(message["remoteEvent"]!["remoteActionId"]!.GetValue<string>(), Is.EqualTo(remoteId));
                Assert.That(message["remoteEvent"]!["remoteType"]!.GetValue<string>(), Is.EqualTo("Doors"));
                Assert.That(message["attributes"]!.ToJsonString(), Is.EqualTo("""[{"key":"kind","value":"Doors"},{"key":"site","value":"Lyon"}]"""));
            }
        });
        Assert.That(received.Select(r => r.Header(DeliveryHeaders.MessageId)).Distinct().Count(), Is.EqualTo(2), "each message has its own id");

        var journal = await mock.Deliveries.WaitForAsync(2, d => d.RemoteId == remoteId);
        Assert.That(journal.Select(d => (d.Kind, d.Outcome)), Is.EqualTo(new[] { (MessageKind.RemotePending, DeliveryOutcome.Delivered), (MessageKind.RemoteDone, DeliveryOutcome.Delivered) }));
        Assert.That(journal.All(d => d.Attempts.Count == 1 && d.Attempts[0].Status == 201), Is.True);
    }

    [Test]
    public async Task A_remotes_channel_attributes_add_to_and_replace_the_channels()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url, new JsonArray(
            new JsonObject { ["type"] = "Header", ["key"] = "X-Fleet-Key", ["value"] = "channel-key" },
            new JsonObject { ["type"] = "Header", ["key"] = "X-Kept", ["value"] = "kept" }));
        var remote = EventsMock.Lock("Lock the van");
        remote["channelAttributes"] = new JsonObject
        {
            ["webhook"] = new JsonArray(new JsonArray(
                new JsonObject { ["type"] = "Header", ["key"] = "x-fleet-key", ["value"] = "remote-key" },
                new JsonObject { ["type"] = "Header", ["key"] = "X-Label", ["value"] = "$RemoteLabel" },
                new JsonObject { ["type"] = "Query", ["key"] = "status", ["value"] = "$RemoteStatus" })),
        };

        await mock.CreateRemoteAsync(mock.Vehicles[0], channel, remote);

        var received = await receiver.WaitForAsync(2);
        Assert.That(received.Select(r => r.Header("X-Fleet-Key")), Is.All.EqualTo("remote-key"), "same type and key: the remote's wins");
        Assert.That(received.Select(r => r.Header("X-Kept")), Is.All.EqualTo("kept"));
        Assert.That(received.Select(r => r.Header("X-Label")), Is.All.EqualTo("Lock the van"));
        Assert.That(received[1].Query, Is.EqualTo("?status=Success"));
    }

    [Test]
    public async Task The_position_a_message_carries_is_the_one_a_following_get_answers()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var vehicle = mock.Vehicles[2];
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var remote = EventsMock.Lock();
        remote["extendedEventParam"] = new JsonArray("vehicle.position", "vehicle.maintenance", "vehicle.latestTelemetry");

        await mock.CreateRemoteAsync(vehicle, channel, remote);

        var done = JsonNode.Parse((await receiver.WaitForAsync(2))[1].Body)!;
        var latest = await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/vehicles/{vehicle}/telemetries/latest");
        var extensions = done["remoteEvent"]!["extensions"]!.AsArray();
        Assert.That(extensions.Select(e => e!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "vehicle.position", "vehicle.maintenance", "vehicle.latestTelemetry" }));
        Assert.That(JsonNode.DeepEquals(extensions[0]!["body"]![0]!["position"], latest["vehicle"]!["location"]), Is.True, $"position: message {extensions[0]!["body"]![0]!["position"]?.ToJsonString()}, GET {latest["vehicle"]!["location"]?.ToJsonString()}");
        Assert.That(JsonNode.DeepEquals(extensions[1]!["body"]![0]!["maintenance"], latest["vehicle"]!["maintenance"]), Is.True, "maintenance");
        Assert.That(extensions[2]!["body"]![0]!["latestTelemetry"]!.ToJsonString(), Is.EqualTo(WithoutLinks(latest).ToJsonString()), "latest telemetry, without its links");
    }

    [TestCase("Failed:DoorsOpen", "Failed", "DoorsOpen")]
    [TestCase("Failed", "Failed", "GeneralError")]
    [TestCase("AlreadyDone", "AlreadyDone", null)]
    [TestCase("Success", "Success", null)]
    public async Task The_outcome_header_chooses_how_the_remote_ends(string header, string status, string? cause)
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);

        await mock.CreateRemoteAsync(mock.Vehicles[0], channel, headers: new Dictionary<string, string> { [DeliveryHeaders.RemoteOutcome] = header });

        var done = JsonNode.Parse((await receiver.WaitForAsync(2))[1].Body)!["remoteEvent"]!["eventStatus"]!;
        Assert.That(done["type"]!.GetValue<string>(), Is.EqualTo("Done"));
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo(status));
        Assert.That(done["failureCause"]?.GetValue<string>(), Is.EqualTo(cause));
    }

    [TestCase("Failed:NoSuchCause")]
    [TestCase("Maybe")]
    public async Task A_malformed_outcome_header_is_refused_before_anything_is_created(string header)
    {
        await using var mock = await EventsMock.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{mock.Api}/accounts/vehicles/{mock.Vehicles[0]}/channels/{await mock.CreateChannelAsync("http://127.0.0.1:9/hooks")}/remotes")
        {
            Content = EventsMock.Json(EventsMock.Lock()),
        };
        request.Headers.Add(DeliveryHeaders.RemoteOutcome, header);

        using var response = await mock.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(), Does.Contain(DeliveryHeaders.RemoteOutcome));
        Assert.That(mock.Deliveries.All, Is.Empty);
    }

    [TestCase("remote-already-done", "AlreadyDone", null)]
    [TestCase("remote-failed", "Failed", "VehicleConnectionTimeout")]
    public async Task A_scenario_chooses_the_outcome(string scenario, string status, string? cause)
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);

        await mock.CreateRemoteAsync(mock.Vehicles[0], channel, headers: new Dictionary<string, string> { ["X-Mock-Scenario"] = scenario });

        var done = JsonNode.Parse((await receiver.WaitForAsync(2))[1].Body)!["remoteEvent"]!["eventStatus"]!;
        Assert.That((done["status"]!.GetValue<string>(), done["failureCause"]?.GetValue<string>()), Is.EqualTo((status, cause)));
    }

    [Test]
    public async Task The_low_battery_scenario_fails_preconditioning_of_its_vehicle_only()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(scenario: "low-battery");
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var warmUp = new JsonObject { ["action"] = new JsonObject { ["preconditioning"] = new JsonObject { ["airConditioning"] = new JsonObject { ["immediate"] = true } } } };

        var first = await mock.CreateRemoteAsync(mock.Vehicles[0], channel, warmUp);
        var other = await mock.CreateRemoteAsync(mock.Vehicles[1], channel, (JsonObject)warmUp.DeepClone());

        var firstDone = await mock.Deliveries.WaitForAsync(d => d.RemoteId == first && d.Kind == MessageKind.RemoteDone);
        var otherDone = await mock.Deliveries.WaitForAsync(d => d.RemoteId == other && d.Kind == MessageKind.RemoteDone);
        Assert.That(Cause(firstDone.Message), Is.EqualTo("NotPossibleDueToVehicleBatteryLevel"));
        Assert.That(Cause(otherDone.Message), Is.Null);
    }

    [Test]
    public async Task A_provider_state_chooses_the_outcome()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        using (var state = await mock.Http.PostAsync("/__mock/states", EventsMock.Json(new JsonObject { ["state"] = "remote commands fail", ["action"] = "setup" })))
        {
            Assert.That((int)state.StatusCode, Is.EqualTo(200));
        }

        var channel = await mock.CreateChannelAsync(receiver.Url); // after the setup: a state starts from a clean store

        var remote = await mock.CreateRemoteAsync(mock.Vehicles[3], channel);

        var done = await mock.Deliveries.WaitForAsync(d => d.RemoteId == remote && d.Kind == MessageKind.RemoteDone);
        Assert.That(Cause(done.Message), Is.EqualTo("VehicleConnectionTimeout"));
    }

    [Test]
    public async Task A_remote_whose_channel_was_deleted_stops_sending()
    {
        // The API has no DELETE for a remote: deleting its channel is how a remote goes away.
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { DoneDelay = TimeSpan.FromMilliseconds(500) });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        await receiver.WaitForAsync(1);

        using (var deleted = await mock.Http.DeleteAsync($"{mock.Api}/accounts/channels/{channel}"))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        var done = await mock.Deliveries.WaitForAsync(d => d.RemoteId == remote && d.Kind == MessageKind.RemoteDone);
        Assert.That(done.Outcome, Is.EqualTo(DeliveryOutcome.NotDelivered));
        Assert.That(done.Reason, Is.EqualTo("the channel was deleted"));
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "only Pending reached the receiver");
    }

    /// <summary>Extensions carry no HAL links, at any depth.</summary>
    internal static JsonNode WithoutLinks(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            obj.Remove("_links");
        }

        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
        {
            if (child is not null)
            {
                WithoutLinks(child);
            }
        }

        return node;
    }

    internal static string Status(string message) => JsonNode.Parse(message)!["remoteEvent"]!["eventStatus"]!["type"]!.GetValue<string>();

    private static string? Cause(string message) => JsonNode.Parse(message)!["remoteEvent"]!["eventStatus"]!["failureCause"]?.GetValue<string>();
}

internal static class HttpJson
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }
}
