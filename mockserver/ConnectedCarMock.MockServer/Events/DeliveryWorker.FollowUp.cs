using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Events;

internal sealed partial class DeliveryWorker
{
    private async ValueTask FollowUpAsync(QueuedEvent item, JsonObject? source)
    {
        if (item.Kind == MessageKind.RemotePending)
        {
            await _hub.EnqueueAsync(item with { Kind = MessageKind.RemoteDone }, _hub.Options.DoneDelay);
        }
        else if (item.Kind is MessageKind.MonitorTrigger or MessageKind.MonitorRefresh && item.RefreshesLeft > 0
            && MessageFactory.RefreshSeconds(source) is { } seconds)
        {
            var period = _hub.Options.RefreshPeriod ?? TimeSpan.FromSeconds(seconds);
            await _hub.EnqueueAsync(item with { Kind = MessageKind.MonitorRefresh, Refresh = item.Refresh + 1, RefreshesLeft = item.RefreshesLeft - 1 }, period);
        }
    }

    /// <summary>The headers of every attempt: the channel's attributes, then the mock's own (which win).</summary>
    private static Dictionary<string, string> Headers(Route route, EventMessage message, VariationReport? report)
    {
        var headers = new Dictionary<string, string>(route.Headers, StringComparer.OrdinalIgnoreCase)
        {
            [DeliveryHeaders.MessageId] = message.Id,
        };
        if (report is not null)
        {
            headers[DeliveryHeaders.VariationApplied] = report.Summary;
            headers[DeliveryHeaders.VariationPointers] = report.Pointers;
            if (report.Variants is { } variants)
            {
                headers[DeliveryHeaders.VariationVariants] = variants.ToString(CultureInfo.InvariantCulture);
            }
        }

        return headers;
    }

    /// <summary>
    /// The Firebase Cloud Messaging envelope the companion document describes: the channel's name,
    /// its header attributes and the base64 message in <c>data</c>, the remote's or monitor's label
    /// as the title and the message as the body.
    /// </summary>
    private static string PushEnvelope(Route route, EventMessage message, byte[] body)
    {
        var data = new JsonObject();
        foreach (var (key, value) in route.Headers)
        {
            data[key] = value;
        }

        data["message"] = Convert.ToBase64String(body);
        var envelope = new JsonObject
        {
            ["name"] = route.Name ?? message.Body["channelId"]?.GetValue<string>(),
            ["data"] = data,
            ["notification"] = new JsonObject { ["title"] = message.Label, ["body"] = Encoding.UTF8.GetString(body) },
        };
        return envelope.ToJsonString(JsonBody.Options);
    }
}
