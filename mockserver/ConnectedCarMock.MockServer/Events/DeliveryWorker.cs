using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// Claims due events from the queue (<see cref="DeliveryOptions.Concurrency"/> at a time), builds
/// each message from the state of that moment, decides whether and where it may go, sends it,
/// journals every attempt, and queues what follows: a remote's <c>Done</c> once its <c>Pending</c>
/// delivery ended (so they arrive in order), a monitor's next reminder.
/// </summary>
internal sealed partial class DeliveryWorker : IAsyncDisposable
{
    /// <summary>The wait after the first failed claim; it doubles with each further one.</summary>
    internal static readonly TimeSpan ClaimBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between failed claims: a queue that comes right is used again within it.</summary>
    internal static readonly TimeSpan MaxClaimBackoff = TimeSpan.FromSeconds(5);

    private readonly EventHub _hub;
    private readonly WebhookSender _sender;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _loops;
    private readonly PathTemplate _channel;
    private readonly HostPolicy _policy;

    public DeliveryWorker(EventHub hub, WebhookSender sender)
    {
        _hub = hub;
        _sender = sender;
        _channel = new PathTemplate(hub.Catalog.Channel);
        _policy = new HostPolicy(hub.Options.WebhookHosts);
        _loops = Enumerable.Range(0, Math.Max(1, hub.Options.Concurrency)).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
        _sender.Dispose();
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            QueuedEvent item;
            try
            {
                item = await _hub.Queue.ClaimAsync(_stopping.Token);
                failures = 0;
            }
            catch (Exception ex) when ((ex is OperationCanceledException && _stopping.IsCancellationRequested) || ex is System.Threading.Channels.ChannelClosedException)
            {
                return;
            }
            catch (Exception ex)
            {
                // A claim that fails (a script error, a bug) must not end this loop for good: deliveries would
                // stop silently until a restart. Say so once per failure, wait longer each time, and claim again.
                if (!await BackOffAsync(++failures, ex))
                {
                    return;
                }

                continue;
            }

            (bool Due, JsonObject? Source) followUp;
            try
            {
                followUp = item.Generation == _hub.Generation ? await ProcessAsync(item) : default;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsStoreAway(ex))
            {
                // Nothing was sent: the event goes back, to be taken again (here or by another replica) once the store is.
                _hub.Log($"event {item.Kind} of {item.SourcePath}: the state store is away ({ex.Message.Split('\n')[0]}); it will be sent once it is back");
                await ReleaseAsync(item);
                continue;
            }
            catch (Exception ex)
            {
                // One event that cannot be built or sent must not stop the others.
                _hub.Log($"event {item.Kind} of {item.SourcePath}: {ex}");
                followUp = default;
            }

            try
            {
                await SettleAsync(item, followUp);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _hub.Log($"event {item.Kind} of {item.SourcePath}: {ex}");
            }
        }
    }

    /// <summary>
    /// Waits before the next claim after <paramref name="failures"/> failed ones in a row: <see cref="ClaimBackoff"/>
    /// doubled each time up to <see cref="MaxClaimBackoff"/>; false when the worker is being disposed meanwhile.
    /// </summary>
    private async ValueTask<bool> BackOffAsync(int failures, Exception error)
    {
        var wait = TimeSpan.FromTicks(Math.Min(MaxClaimBackoff.Ticks, ClaimBackoff.Ticks << Math.Min(failures - 1, 16)));
        var reason = error.Message.Split('\n')[0].Trim();
        _hub.Log($"delivery: claiming the next event failed ({failures} in a row): {error.GetType().Name}: {reason}; claiming again in {wait.TotalMilliseconds:F0} ms");
        try
        {
            await Task.Delay(wait, _stopping.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Builds, decides and sends the event; whether what follows it is due (its item still exists), and that item.</summary>
    private async Task<(bool Due, JsonObject? Source)> ProcessAsync(QueuedEvent item)
    {
        var subscriptions = await _hub.Subscriptions.ReadAsync();
        var channelPath = _channel.Expand(new Dictionary<string, string> { [_channel.Parameters[^1]] = item.ChannelId })!;
        var sourceExists = subscriptions.Exists(item.SourcePath);
        var source = subscriptions.Definition(item.SourcePath);
        var channel = subscriptions.Definition(channelPath);
        var message = Build(item, source, channel);
        var settings = item.Variation is { } asked ? VariationSettings.Parse(asked).Settings : _hub.Options.Variation;
        var (body, report) = MessageVariation.Write(_hub.Factory.Notification, message.Body, settings, StableSeed.Of(_hub.Factory.World.Seed, "variation", message.Id));
        var route = Route.Resolve(channel, subscriptions.Registered(channelPath), source, message.Variables, _policy);
        var headers = Headers(route, message, report);
        var isMonitor = item.Kind is MessageKind.MonitorTrigger or MessageKind.MonitorRefresh;
        var refusal = !subscriptions.Exists(channelPath) ? "the channel was deleted"
            : !sourceExists ? $"the {(isMonitor ? "monitor" : "remote")} was deleted"
            : subscriptions.RunStatus(channelPath) is var channelStatus && channelStatus != "Running" ? $"the channel is {channelStatus}"
            : isMonitor && subscriptions.RunStatus(item.SourcePath) is var monitorStatus && monitorStatus != "Running" ? $"the monitor is {monitorStatus}"
            : body is null ? $"sweep={report?.Sweep} is beyond the {report?.Variants} single-field variants of this message"
            : route.Refusal;
        var sent = route.Transport == "pushnotif" ? PushEnvelope(route, message, body ?? []) : Encoding.UTF8.GetString(body ?? JsonBody.Serialize(message.Body, string.Empty));
        var delivery = new Delivery
        {
            MessageId = message.Id,
            Kind = item.Kind,
            ChannelId = item.ChannelId,
            RemoteId = isMonitor ? null : item.SourceId,
            MonitorId = isMonitor ? item.SourceId : null,
            VehicleId = item.VehicleId,
            Transport = route.Transport,
            Target = route.Target,
            Headers = headers,
            Message = sent,
            Variation = report?.Summary,
            VariationPointers = report?.Pointers,
            Variants = report?.Variants,
            CreatedAt = DateTimeOffset.UtcNow,
        };

        if (refusal is not null)
        {
            _hub.Journal.Begin(delivery with { Outcome = DeliveryOutcome.NotDelivered, Reason = refusal, CompletedAt = DateTimeOffset.UtcNow });
        }
        else if (route.Transport != "webhook")
        {
            _hub.Journal.Begin(delivery with
            {
                Outcome = DeliveryOutcome.Recorded,
                Reason = $"{route.Transport} messages are recorded as the mock would send them, not sent",
                CompletedAt = DateTimeOffset.UtcNow,
            });
        }
        else
        {
            _hub.Journal.Begin(delivery);
            var (outcome, reason) = await _sender.SendAsync(route.Url!, headers, body!, attempt => _hub.Journal.Attempt(message.Id, attempt), _stopping.Token);
            _hub.Journal.Finish(message.Id, outcome, reason);
        }

        return (sourceExists, source);
    }

    private EventMessage Build(QueuedEvent item, JsonObject? source, JsonObject? channel)
    {
        var scenario = _hub.Scenario(item.Scenario);
        var label = EventVariables.Text(channel?["label"]);
        return item.Kind is MessageKind.RemotePending or MessageKind.RemoteDone
            ? _hub.Factory.Remote(new RemoteEventInfo
            {
                ChannelId = item.ChannelId,
                ChannelLabel = label,
                VehicleId = item.VehicleId,
                RemoteActionId = item.SourceId,
                Remote = source,
                Kind = item.Kind,
                Outcome = item.Outcome is { } outcome ? RemoteOutcome.Parse(outcome).Outcome ?? RemoteOutcome.Success : RemoteOutcome.Success,
                Scenario = scenario,
            })
            : _hub.Factory.Monitor(new MonitorEventInfo
            {
                ChannelId = item.ChannelId,
                ChannelLabel = label,
                MonitorId = item.SourceId,
                VehicleId = item.VehicleId,
                Monitor = source,
                Values = item.Values,
                Refresh = item.Refresh,
                Occurrence = item.Occurrence,
                Scenario = scenario,
            });
    }
}
