using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// The mock as a Pact message provider (<c>POST /__mock/messages</c>): for the provider states of a message
/// interaction it answers the message a webhook delivery of the same event carries, byte for byte, valid against
/// the notification documents, with its metadata; what it cannot answer is a 400 that says why. Each message is
/// one Pact interaction: the next one starts from a clean state (what clients created included), so each test
/// asks once per thing it created.
/// </summary>
public class MessageProviderEndpointTests
{
    private const string Path = "/__mock/messages";

    [TestCase(MessageKind.RemotePending, "a remote action is pending")]
    [TestCase(MessageKind.RemoteDone, "a remote action failed")]
    public async Task The_message_of_a_remote_is_the_one_its_webhook_delivery_carries(MessageKind kind, string state)
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url, [new JsonObject { ["type"] = "Header", ["key"] = "Authorization", ["value"] = "Bearer hook-secret" }]);
        var vehicle = mock.Vehicles[1];
        var remote = await mock.CreateRemoteAsync(vehicle, channel, headers: new Dictionary<string, string> { [DeliveryHeaders.RemoteOutcome] = "Failed:DoorsOpen" });
        var delivered = await mock.Deliveries.WaitForAsync(d => d.RemoteId == remote && d.Kind == kind);
        var ids = new JsonObject { ["channelId"] = channel, ["vehicleId"] = vehicle, ["remoteActionId"] = remote, ["cause"] = "DoorsOpen" };
        if (kind == MessageKind.RemotePending)
        {
            ids.Remove("cause");
        }

        var (status, body, metadata) = await AskAsync(mock, state, ids);

        Assert.That(status, Is.EqualTo(200), body);
        Assert.That(body, Is.EqualTo(delivered.Message));
        Assert.That(metadata!["X-Message-Id"]!.GetValue<string>(), Is.EqualTo(delivered.MessageId));
        Assert.That((metadata["contentType"]!.GetValue<string>(), metadata["Authorization"]!.GetValue<string>()), Is.EqualTo(("application/json", "Bearer hook-secret")));
    }

    [TestCase(MessageKind.MonitorTrigger, "a monitor triggered")]
    [TestCase(MessageKind.MonitorRefresh, "a monitor sent a reminder")]
    public async Task The_message_of_a_monitor_is_the_one_its_webhook_delivery_carries(MessageKind kind, string state)
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync(o => o with { RefreshPeriod = TimeSpan.FromMilliseconds(20) });
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var monitor = await mock.CreateMonitorAsync(channel, EventsMock.BatteryMonitor());
        await mock.Deliveries.TriggerMonitorAsync(monitor, new MonitorTrigger { Refreshes = 1 });
        var delivered = await mock.Deliveries.WaitForAsync(d => d.MonitorId == monitor && d.Kind == kind);

        var (status, body, metadata) = await AskAsync(mock, state, new JsonObject { ["channelId"] = channel, ["monitorId"] = monitor });

        Assert.That(status, Is.EqualTo(200), body);
        Assert.That(body, Is.EqualTo(delivered.Message));
        Assert.That(metadata!["X-Message-Id"]!.GetValue<string>(), Is.EqualTo(delivered.MessageId));
    }

    private static IEnumerable<TestCaseData> MessageStates() =>
    [
        new TestCaseData(new[] { "a remote action is pending" }, "/remoteEvent/eventStatus/type", "Pending"),
        new TestCaseData(new[] { "a remote action succeeded" }, "/remoteEvent/eventStatus/status", "Success"),
        new TestCaseData(new[] { "a remote action was already done" }, "/remoteEvent/eventStatus/status", "AlreadyDone"),
        new TestCaseData(new[] { "a remote action failed" }, "/remoteEvent/eventStatus/failureCause", "GeneralError"),
        new TestCaseData(new[] { "a remote action is done" }, "/remoteEvent/eventStatus/status", "Success"),
        new TestCaseData(new[] { "remote commands fail", "a remote action is done" }, "/remoteEvent/eventStatus/failureCause", "VehicleConnectionTimeout"),
        new TestCaseData(new[] { "remote commands are already done", "a remote action is done" }, "/remoteEvent/eventStatus/status", "AlreadyDone"),
        new TestCaseData(new[] { "a monitor triggered" }, "/monitorEvent/data/refresh", "false"),
        new TestCaseData(new[] { "a monitor sent a reminder" }, "/monitorEvent/data/refresh", "true"),
    ];

    [TestCaseSource(nameof(MessageStates))]
    public async Task Each_message_state_answers_a_valid_message_of_its_kind_the_same_every_time(string[] states, string pointer, string expected)
    {
        await using var mock = await EventsMock.StartAsync();

        var first = await AskAsync(mock, states);
        var second = await AskAsync(mock, states);

        Assert.That(first.Status, Is.EqualTo(200), first.Body);
        Assert.That(NotificationSpecs.Problems(first.Body), Is.Empty, first.Body);
        Assert.That(At(JsonNode.Parse(first.Body), pointer)?.ToJsonString().Trim('"'), Is.EqualTo(expected), first.Body);
        Assert.That((second.Body, second.Metadata?.ToJsonString()), Is.EqualTo((first.Body, first.Metadata?.ToJsonString())));
    }

    private static IEnumerable<TestCaseData> Refusals() =>
    [
        new TestCaseData("""{"providerStates": []}""", "a message request is").SetName("a request without a description"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a vehicle exists"}]}""", "none of its provider states names a message").SetName("no state names a message"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a monitor triggered"}, {"name": "a remote action is pending"}]}""", "both name a message").SetName("two states name a message"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a remote action exploded"}]}""", "unknown provider state 'a remote action exploded'").SetName("an unknown state"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a remote action failed", "params": {"reason": "x"}}]}""", "has no parameter 'reason'; expected: channelId, vehicleId, remoteActionId, action, cause").SetName("a misnamed parameter"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a remote action failed", "params": {"cause": "Gremlins"}}]}""", "'Gremlins' is not a failure cause").SetName("an unknown failure cause"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a remote action is pending", "params": {"action": "teleport"}}]}""", "'teleport' is not a remote command").SetName("an unknown command"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a remote action is pending", "params": {"vehicleId": "nope"}}]}""", "vehicle 'nope' is not a vehicle of the world").SetName("an unknown vehicle"),
        new TestCaseData("""{"description": "d", "providerStates": [{"name": "a monitor triggered", "params": {"monitorId": "nope"}}]}""", "monitor 'nope' does not exist").SetName("an unknown monitor"),
    ];

    [TestCaseSource(nameof(Refusals))]
    public async Task What_it_cannot_answer_is_a_400_saying_why(string body, string reason)
    {
        await using var mock = await EventsMock.StartAsync();

        using var response = await mock.Http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(error?["message"]?.GetValue<string>(), Does.Contain(reason));
    }

    [Test]
    public async Task Each_message_starts_from_a_clean_state()
    {
        await using var mock = await EventsMock.StartAsync();

        var failing = await AskAsync(mock, "remote commands fail", "a remote action is done");
        var next = await AskAsync(mock, "a remote action is done");

        Assert.That(At(JsonNode.Parse(failing.Body), "/remoteEvent/eventStatus/status")?.GetValue<string>(), Is.EqualTo("Failed"));
        Assert.That(At(JsonNode.Parse(next.Body), "/remoteEvent/eventStatus/status")?.GetValue<string>(), Is.EqualTo("Success"), "the scenario of the previous message must not leak");
    }

    private static Task<(int Status, string Body, JsonObject? Metadata)> AskAsync(EventsMock mock, params string[] states) =>
        AskAsync(mock, new JsonArray([.. states.Select(s => (JsonNode)new JsonObject { ["name"] = s })]));

    private static Task<(int Status, string Body, JsonObject? Metadata)> AskAsync(EventsMock mock, string state, JsonObject parameters) =>
        AskAsync(mock, new JsonArray(new JsonObject { ["name"] = state, ["params"] = parameters.DeepClone() }));

    private static async Task<(int Status, string Body, JsonObject? Metadata)> AskAsync(EventsMock mock, JsonArray states)
    {
        var request = new JsonObject { ["description"] = "a message", ["providerStates"] = states };
        using var response = await mock.Http.PostAsync(Path, EventsMock.Json(request));
        var metadata = response.Headers.TryGetValues(MessageProviderEndpoint.MetadataHeader, out var values)
            ? JsonNode.Parse(Convert.FromBase64String(values.Single())) as JsonObject
            : null;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), metadata);
    }

    private static JsonNode? At(JsonNode? node, string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(node, (current, token) => current?[token]);
}
