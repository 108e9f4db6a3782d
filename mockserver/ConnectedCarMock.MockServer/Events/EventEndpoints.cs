using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;
using Response = WireMock.ResponseBuilders.Response;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The admin endpoints of events: the delivery journal (<c>GET /__mock/deliveries</c>, filtered by
/// <c>channel</c>, <c>remote</c>, <c>monitor</c>, <c>kind</c>, <c>outcome</c>; <c>DELETE</c> clears it)
/// and monitor triggers (<c>POST /__mock/monitors/{id}/trigger</c>).
/// </summary>
internal static class EventEndpoints
{
    public const string DeliveriesPath = "/__mock/deliveries";

    public const string MonitorsPath = "/__mock/monitors";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        AllowTrailingCommas = true,
    };

    public static void Map(WireMockServer server, EventHub hub)
    {
        server.Given(Request.Create().WithPath(DeliveriesPath).UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(message => Deliveries(hub, message)));
        server.Given(Request.Create().WithPath(DeliveriesPath).UsingDelete())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                hub.Journal.Clear();
                return new ResponseMessage { StatusCode = 204 };
            }));
        server.Given(Request.Create().WithPath(new RegexMatcher($"^{MonitorsPath}/[^/]+/trigger$")).UsingPost())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(async message => (IResponseMessage)await TriggerAsync(hub, message)));
    }

    private static ResponseMessage Deliveries(EventHub hub, IRequestMessage message)
    {
        string? Query(string name) => message.Query?.TryGetValue(name, out var values) == true ? values.FirstOrDefault() : null;
        var kind = Query("kind");
        var outcome = Query("outcome");
        if ((kind is not null && !Enum.TryParse<MessageKind>(kind, ignoreCase: true, out _)) || (outcome is not null && !Enum.TryParse<DeliveryOutcome>(outcome, ignoreCase: true, out _)))
        {
            return WireMockAdapter.ToResponseMessage(ErrorBodies.BadRequest(
                $"kind is one of {string.Join(", ", Enum.GetNames<MessageKind>())}; outcome one of {string.Join(", ", Enum.GetNames<DeliveryOutcome>())}"));
        }

        var filter = new DeliveryFilter(
            Query("channel"),
            Query("remote"),
            Query("monitor"),
            kind is null ? null : Enum.Parse<MessageKind>(kind, ignoreCase: true),
            outcome is null ? null : Enum.Parse<DeliveryOutcome>(outcome, ignoreCase: true));
        var deliveries = hub.Journal.Query(filter);
        var body = new JsonObject
        {
            ["total"] = deliveries.Count,
            ["queued"] = hub.Queue.Count,
            ["deliveries"] = new JsonArray(deliveries.Select(Serialize).ToArray()),
        };
        return WireMockAdapter.ToResponseMessage(new MockResponse(200) { ContentType = "application/json", Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
    }

    /// <summary>A delivery as the journal endpoint shows it; the message as JSON when it is JSON.</summary>
    internal static JsonNode Serialize(Delivery delivery)
    {
        var node = JsonSerializer.SerializeToNode(delivery, Json)!.AsObject();
        node.Remove("isFinished");
        try
        {
            node["message"] = JsonNode.Parse(delivery.Message);
        }
        catch (JsonException)
        {
            // A message that is not JSON (never built by the mock) stays a string.
        }

        return node;
    }

    private static async Task<ResponseMessage> TriggerAsync(EventHub hub, IRequestMessage message)
    {
        var segments = message.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var monitorId = Uri.UnescapeDataString(segments[^2]);
        MonitorTrigger trigger;
        try
        {
            trigger = string.IsNullOrWhiteSpace(message.Body) ? new MonitorTrigger() : JsonSerializer.Deserialize<MonitorTrigger>(message.Body, Json) ?? new MonitorTrigger();
        }
        catch (JsonException ex)
        {
            return WireMockAdapter.ToResponseMessage(ErrorBodies.BadRequest(
                $"a trigger is {{\"values\": [{{\"data\": \"vehicle.energy.electric.level\", \"value\": \"4\"}}], \"vehicleId\", \"refreshes\", \"variation\", \"scenario\", \"channelId\"}}, all optional: {ex.Message}"));
        }

        if (message.Query?.TryGetValue("channel", out var channel) == true)
        {
            trigger = trigger with { ChannelId = channel.FirstOrDefault() };
        }

        var result = await hub.TriggerAsync(monitorId, trigger);
        if (result.Error is not null)
        {
            return WireMockAdapter.ToResponseMessage(result.Status == 404 ? ErrorBodies.NotFound(result.Error) : ErrorBodies.BadRequest(result.Error));
        }

        var body = new JsonObject { ["monitorId"] = monitorId, ["monitor"] = result.MonitorPath, ["vehicleId"] = result.VehicleId, ["refreshes"] = result.Refreshes };
        return WireMockAdapter.ToResponseMessage(new MockResponse(202) { ContentType = "application/json", Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
    }
}
