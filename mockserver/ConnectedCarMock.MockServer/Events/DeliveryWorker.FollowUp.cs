using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Events;

internal sealed partial class DeliveryWorker
{
    private static readonly TimeSpan SettleBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxSettleBackoff = TimeSpan.FromSeconds(2);

    private static bool IsStoreAway(Exception ex) => ex is State.StoreUnavailableException || State.RedisStateStore.IsUnreachable(ex);

    /// <summary>
    /// What follows a handled event: the event completed and its follow-up (when due) queued, in one step of the
    /// queue. The message went, so that step may not be lost to a store that is away for a while (the event would
    /// be sent again, a remote's Done never): it is retried until the store answers, while this replica keeps its
    /// claim; and being one step, a retry after a reply that never came queues no second Done.
    /// </summary>
    private async Task SettleAsync(QueuedEvent item, (bool Due, JsonObject? Source) followUp)
    {
        var next = followUp.Due ? FollowUp(item, followUp.Source) : null;
        await WhileStoreAwayAsync(() => _hub.Queue.CompleteAsync(item, next));
    }

    private async Task WhileStoreAwayAsync(Func<ValueTask> step)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception ex) when (IsStoreAway(ex) && !_stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Min(MaxSettleBackoff.Ticks, SettleBackoff.Ticks << Math.Min(failures, 16))), _stopping.Token);
            }
        }
    }

    /// <summary>Gives a claimed event back unsent; a release that fails too leaves it to its claim's expiry.</summary>
    private async Task ReleaseAsync(QueuedEvent item)
    {
        try
        {
            await _hub.Queue.ReleaseAsync(item);
        }
        catch (Exception ex) when (IsStoreAway(ex))
        {
            // The claim lapses by itself.
        }
    }

    /// <summary>The event a handled one brings after it: a remote's Done, a monitor's next refresh; or none.</summary>
    private ScheduledEvent? FollowUp(QueuedEvent item, JsonObject? source)
    {
        if (item.Kind == MessageKind.RemotePending)
        {
            return new(item with { Kind = MessageKind.RemoteDone, Generation = _hub.Generation }, _hub.Options.DoneDelay);
        }

        if (item.Kind is MessageKind.MonitorTrigger or MessageKind.MonitorRefresh && item.RefreshesLeft > 0
            && MessageFactory.RefreshSeconds(source) is { } seconds)
        {
            var period = _hub.Options.RefreshPeriod ?? TimeSpan.FromSeconds(seconds);
            return new(item with { Kind = MessageKind.MonitorRefresh, Refresh = item.Refresh + 1, RefreshesLeft = item.RefreshesLeft - 1, Generation = _hub.Generation }, period);
        }

        return null;
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
