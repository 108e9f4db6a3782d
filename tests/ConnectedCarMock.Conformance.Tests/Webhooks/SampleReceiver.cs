using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Conformance.Tests.Webhooks;

/// <summary>
/// A webhook receiver as a client app writes one: it reads messages as a tolerant reader, processes
/// each message id once, and shows what it processed at <c>GET /effects</c>. Each switch makes it
/// wrong in one way, for the defect catalogue.
/// </summary>
internal sealed class SampleReceiver
{
    private static readonly HashSet<string> Known = ["channelId", "type", "date", "attributes", "remoteEvent", "monitorEvent", "remoteActionId", "remoteType", "eventStatus", "extensions", "status", "failureCause", "monitorId", "data", "values", "refresh", "key", "value", "previous", "body"];
    private static readonly HashSet<string> Statuses = ["Pending", "Done", "Success", "AlreadyDone", "Failed", "Accepted", "WakingUpVehicle", "CheckingVehicle", "SentToVehicle", "VehicleBatteryChargeTooLow", "TooManyWakeUpsOverMonth"];

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _effects = new();

    public bool RejectsUnknownFields { get; init; }

    public bool RequiresAttributes { get; init; }

    public bool FailsOnDuplicates { get; init; }

    public bool ProcessesDuplicates { get; init; }

    public bool IgnoresFailed { get; init; }

    public bool CrashesOnMalformed { get; init; }

    public bool RejectsMonitors { get; init; }

    public bool RejectsReminders { get; init; }

    public bool RejectsAlreadyDone { get; init; }

    public bool CrashesOnUnknownEnums { get; init; }

    /// <summary>How long it takes over a Failed result (it files a ticket before answering).</summary>
    public TimeSpan SlowOnFailed { get; init; }

    public async Task<(int Status, string? Body)> HandleAsync(ReceivedRequest request)
    {
        if (request.Method == "GET" && request.Path == "/effects")
        {
            return (200, JsonSerializer.Serialize(_effects.ToArray()));
        }

        try
        {
            return await ReceiveAsync(request);
        }
        catch (InvalidOperationException)
        {
            return (CrashesOnMalformed ? 500 : 400, null); // a field of another shape than the format's
        }
    }

    private async Task<(int Status, string? Body)> ReceiveAsync(ReceivedRequest request)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(request.Body) as JsonObject ?? throw new JsonException("not an object");
            _ = message["channelId"]!.GetValue<string>() + message["type"]!.GetValue<string>() + message["date"]!.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            return (CrashesOnMalformed ? 500 : 400, null);
        }

        if (RejectsUnknownFields && Names(message).Any(n => !Known.Contains(n)))
        {
            return (400, null);
        }

        if (RequiresAttributes && message["attributes"] is null)
        {
            return (400, null);
        }

        var status = (message["remoteEvent"]?["eventStatus"]?["status"] as JsonValue)?.ToString();
        var type = (message["remoteEvent"]?["eventStatus"]?["type"] as JsonValue)?.ToString();
        if (CrashesOnUnknownEnums && ((status is not null && !Statuses.Contains(status)) || (type is not null && !Statuses.Contains(type))))
        {
            return (500, null);
        }

        if ((RejectsMonitors && message["type"]!.ToString() == "Monitor")
            || (RejectsReminders && message["monitorEvent"]?["data"]?["refresh"]?.GetValue<bool>() == true)
            || (RejectsAlreadyDone && status == "AlreadyDone"))
        {
            return (400, null);
        }

        if (status == "Failed" && SlowOnFailed > TimeSpan.Zero)
        {
            await Task.Delay(SlowOnFailed);
        }

        var id = request.Header("X-Message-Id") ?? request.Body;
        if (!_seen.TryAdd(id, 0) && !ProcessesDuplicates)
        {
            return (FailsOnDuplicates ? 500 : 201, null);
        }

        if (!(IgnoresFailed && status == "Failed"))
        {
            _effects.Enqueue($"{id} {message["type"]} {type} {status}");
        }

        return (201, null);
    }

    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => (p.Key == "extensions" ? [] : Names(p.Value)).Prepend(p.Key)),
        JsonArray array => array.SelectMany(Names),
        _ => [],
    };
}
