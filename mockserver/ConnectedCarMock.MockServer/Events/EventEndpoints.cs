using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The admin endpoints of events: the delivery journal (<c>GET /__mock/deliveries</c>, filtered by
/// <c>channel</c>, <c>remote</c>, <c>monitor</c>, <c>kind</c>, <c>outcome</c>; <c>DELETE</c> clears it)
/// and monitor triggers (<c>POST /__mock/monitors/{id}/trigger</c>).
/// </summary>
internal sealed class EventEndpoints(EventHub hub)
{
    public const string DeliveriesPath = "/__mock/deliveries";

    public const string MonitorsPath = "/__mock/monitors";

    private const string TriggerSuffix = "/trigger";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        AllowTrailingCommas = true,
    };

    public EventHub Hub => hub;

    /// <summary>The answer of an events endpoint; null when the request is for none of them.</summary>
    public async ValueTask<MockResponse?> HandleAsync(MockRequest request)
    {
        switch (request.Method, request.Path)
        {
            case ("GET", DeliveriesPath):
                return Deliveries(request);
            case ("DELETE", DeliveriesPath):
                hub.Journal.Clear();
                return new MockResponse(204);
            case ("POST", var path) when path.StartsWith(MonitorsPath + "/", StringComparison.Ordinal) && path.EndsWith(TriggerSuffix, StringComparison.Ordinal)
                && path.Length > MonitorsPath.Length + 1 + TriggerSuffix.Length && path.IndexOf('/', MonitorsPath.Length + 1) == path.Length - TriggerSuffix.Length:
                return await TriggerAsync(Uri.UnescapeDataString(path[(MonitorsPath.Length + 1)..^TriggerSuffix.Length]), request);
            default:
                return null;
        }
    }

    private MockResponse Deliveries(MockRequest request)
    {
        string? Query(string name) => request.QueryValues(name)?.FirstOrDefault();
        var kind = Query("kind");
        var outcome = Query("outcome");
        if ((kind is not null && !Enum.TryParse<MessageKind>(kind, ignoreCase: true, out _)) || (outcome is not null && !Enum.TryParse<DeliveryOutcome>(outcome, ignoreCase: true, out _)))
        {
            return ErrorBodies.BadRequest($"kind is one of {string.Join(", ", Enum.GetNames<MessageKind>())}; outcome one of {string.Join(", ", Enum.GetNames<DeliveryOutcome>())}");
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
        return new MockResponse(200) { ContentType = ErrorBodies.ContentType, Body = Encoding.UTF8.GetBytes(body.ToJsonString()) };
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

    private async Task<MockResponse> TriggerAsync(string monitorId, MockRequest request)
    {
        MonitorTrigger trigger;
        try
        {
            trigger = request.Body.Length == 0 || request.Body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
                ? new MonitorTrigger()
                : JsonSerializer.Deserialize<MonitorTrigger>(request.Body, Json) ?? new MonitorTrigger();
        }
        catch (JsonException ex)
        {
            return ErrorBodies.BadRequest(
                $"a trigger is {{\"values\": [{{\"data\": \"vehicle.energy.electric.level\", \"value\": \"4\"}}], \"vehicleId\", \"refreshes\", \"variation\", \"scenario\", \"channelId\"}}, all optional: {ex.Message}");
        }

        if (request.QueryValues("channel")?.FirstOrDefault() is { } channel)
        {
            trigger = trigger with { ChannelId = channel };
        }

        var result = await hub.TriggerAsync(monitorId, trigger);
        if (result.Error is not null)
        {
            return result.Status == 404 ? ErrorBodies.NotFound(result.Error) : ErrorBodies.BadRequest(result.Error);
        }

        var body = new JsonObject { ["monitorId"] = monitorId, ["monitor"] = result.MonitorPath, ["vehicleId"] = result.VehicleId, ["refreshes"] = result.Refreshes };
        return new MockResponse(202) { ContentType = ErrorBodies.ContentType, Body = Encoding.UTF8.GetBytes(body.ToJsonString()) };
    }
}
