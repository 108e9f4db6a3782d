using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// The pattern for app developers: a webhook receiver that is a tolerant reader. It reads the
/// message into its own model, ignores what it does not know, does not require what the format
/// leaves optional, and processes each message id once (delivery is at least once).
/// </summary>
internal sealed class TolerantReceiver
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public ConcurrentQueue<Message> Processed { get; } = new();

    public Task<int> HandleAsync(ReceivedRequest request)
    {
        Message? message;
        try
        {
            message = JsonSerializer.Deserialize<Message>(request.Body, Tolerant);
        }
        catch (JsonException)
        {
            return Task.FromResult(400);
        }

        if (message?.ChannelId is null || message.Type is null || message.Date is null)
        {
            return Task.FromResult(400); // the three fields the format requires
        }

        if (_seen.TryAdd(request.Header(DeliveryHeaders.MessageId) ?? request.Body, 0))
        {
            Processed.Enqueue(message);
        }

        return Task.FromResult(201);
    }

    private static readonly JsonSerializerOptions Tolerant = new() { PropertyNameCaseInsensitive = true };

    // Every field but the required three is nullable; enums are read as strings, so a value added tomorrow is not an error.
    internal sealed record Message(string? ChannelId, string? Type, string? Date, List<Attribute>? Attributes, RemoteEvent? RemoteEvent, MonitorEvent? MonitorEvent);

    internal sealed record Attribute(string? Key, string? Value);

    internal sealed record RemoteEvent(string? RemoteActionId, string? RemoteType, EventStatus? EventStatus, List<JsonElement>? Extensions);

    internal sealed record EventStatus(string? Type, string? Status, string? FailureCause);

    internal sealed record MonitorEvent(string? MonitorId, MonitorData? Data);

    internal sealed record MonitorData(List<TriggerValue>? Values, List<JsonElement>? Extensions, bool? Refresh);

    internal sealed record TriggerValue(string? Data, string? Value, string? Previous);
}

/// <summary>The same receiver written brittle: unknown fields are errors, and it counts on fields the format leaves optional.</summary>
internal sealed class BrittleReceiver
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public Task<int> HandleAsync(ReceivedRequest request)
    {
        try
        {
            var message = JsonSerializer.Deserialize<TolerantReceiver.Message>(request.Body, Strict)!;
            _ = message.RemoteEvent?.EventStatus?.Type ?? message.MonitorEvent!.Data!.Values!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(message.Attributes!.Count >= 0 ? 201 : 500);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException)
        {
            return Task.FromResult(400);
        }
    }
}
