using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Events;

internal sealed partial class MessageProviderEndpoint
{
    private const string ChannelParameter = "channelId";

    /// <summary>
    /// The message of a message state, from its values (the channel the state made exist, the optional ids and
    /// choices), seen through the scenario the states selected: what a delivery of the same event would carry.
    /// </summary>
    private async ValueTask<MockResponse> AnswerAsync(ProviderState state, IReadOnlyDictionary<string, string> values, bool channelGiven)
    {
        if (!Enum.TryParse<MessageKind>(state.Message, out var kind) || !Enum.IsDefined(kind))
        {
            return ErrorBodies.BadRequest($"provider state '{state.State}' names the message '{state.Message}'; a message is one of {string.Join(", ", Enum.GetNames<MessageKind>())}");
        }

        var scenario = hub.Scenario((await store.ReadAsync()).Settings.DefaultScenario);
        var view = await hub.Subscriptions.ReadAsync();
        var channelId = values.GetValueOrDefault(ChannelParameter) ?? string.Empty;
        var channelTemplate = new PathTemplate(hub.Catalog.Channel);
        var channelPath = channelTemplate.Expand(new Dictionary<string, string> { [channelTemplate.Parameters[^1]] = channelId }) ?? string.Empty;
        if (channelId.Length == 0 || !view.Exists(channelPath))
        {
            return ErrorBodies.BadRequest($"channel '{ParameterReader.Printable(channelId)}' does not exist");
        }

        var vehicles = hub.Subscriptions.Vehicles;
        var pinned = scenario?.Events?.Monitors ?? [];
        var vehicleId = values.GetValueOrDefault("vehicleId")
            ?? (kind is MessageKind.MonitorTrigger or MessageKind.MonitorRefresh && pinned.Count > 0 && pinned[0].Vehicle < vehicles.Count ? vehicles[pinned[0].Vehicle] : vehicles.FirstOrDefault());
        if (vehicleId is null || !vehicles.Contains(vehicleId, StringComparer.Ordinal))
        {
            return ErrorBodies.BadRequest($"vehicle '{ParameterReader.Printable(vehicleId ?? string.Empty)}' is not a vehicle of the world");
        }

        if (kind is MessageKind.MonitorTrigger or MessageKind.MonitorRefresh && !channelGiven && values.GetValueOrDefault("monitorId") is null
            && FirstMonitor(view, kind, WorldChannels().Prepend(channelId)) is (string firstChannel, _))
        {
            // The state chose the world's first channel; a monitor that sends the message may be on another one.
            channelId = firstChannel;
            channelPath = channelTemplate.Expand(new Dictionary<string, string> { [channelTemplate.Parameters[^1]] = channelId })!;
        }

        var channel = view.Definition(channelPath);
        var label = EventVariables.Text(channel?["label"]);
        var (message, source, error) = kind is MessageKind.RemotePending or MessageKind.RemoteDone
            ? Remote(kind, state, values, view, channelId, vehicleId, label, scenario)
            : Monitor(kind, values, view, channelId, vehicleId, label, scenario);
        if (error is not null)
        {
            return ErrorBodies.BadRequest(error);
        }

        var route = Route.Resolve(channel, view.Registered(channelPath), source, message!.Variables, new HostPolicy(hub.Options.WebhookHosts));
        return Answer(message, route.Headers);
    }

    private (EventMessage? Message, JsonObject? Source, string? Error) Remote(
        MessageKind kind, ProviderState state, IReadOnlyDictionary<string, string> values, ISubscriptionView view, string channelId, string vehicleId, string? label, Scenario? scenario)
    {
        var template = new PathTemplate(hub.Catalog.Remote);
        var remotes = hub.Factory.World.Model.ByItem(hub.Catalog.Remote)!;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [template.Parameters[0]] = vehicleId,
            [new PathTemplate(hub.Catalog.Channel).Parameters[^1]] = channelId,
        };
        var remoteId = values.GetValueOrDefault("remoteActionId")
            ?? hub.Factory.World.IdsOf(remotes, ids).FirstOrDefault()
            ?? StableSeed.HexId(hub.Factory.World.Seed, 24, "message-remote", vehicleId, channelId);
        var path = template.Expand(new Dictionary<string, string>(ids, StringComparer.Ordinal) { [template.Parameters[^1]] = remoteId })!;
        var remote = view.Exists(path) ? view.Definition(path) : null;
        if (values.GetValueOrDefault("action") is { } action)
        {
            if (!hub.Catalog.RemoteTypes.ContainsKey(action))
            {
                return (null, null, $"'{ParameterReader.Printable(action)}' is not a remote command; known: {string.Join(", ", hub.Catalog.RemoteTypes.Keys)}");
            }

            remote = remote is null ? [] : (JsonObject)remote.DeepClone();
            remote["action"] = new JsonObject { [action] = new JsonObject() };
        }

        var scenarioOutcome = hub.ScenarioOutcome(scenario, vehicleId, remote);
        RemoteOutcome outcome;
        if (state.Outcome == "Failed")
        {
            var cause = values.GetValueOrDefault("cause") ?? scenarioOutcome?.FailureCause ?? "GeneralError";
            if (!hub.Factory.FailureCauses.Contains(cause))
            {
                return (null, null, $"'{ParameterReader.Printable(cause)}' is not a failure cause; known: {string.Join(", ", hub.Factory.FailureCauses.Order(StringComparer.Ordinal))}");
            }

            outcome = RemoteOutcome.Failed(cause);
        }
        else
        {
            outcome = state.Outcome is { } fixedOutcome ? RemoteOutcome.Parse(fixedOutcome, hub.Factory.FailureCauses).Outcome ?? RemoteOutcome.Success : scenarioOutcome ?? RemoteOutcome.Success;
        }

        var message = hub.Factory.Remote(new RemoteEventInfo
        {
            ChannelId = channelId,
            ChannelLabel = label,
            VehicleId = vehicleId,
            RemoteActionId = remoteId,
            Remote = remote,
            Kind = kind,
            Outcome = outcome,
            Scenario = scenario,
        });
        return (message, remote, null);
    }

    private (EventMessage? Message, JsonObject? Source, string? Error) Monitor(
        MessageKind kind, IReadOnlyDictionary<string, string> values, ISubscriptionView view, string channelId, string vehicleId, string? label, Scenario? scenario)
    {
        var reminder = kind == MessageKind.MonitorRefresh;
        var monitorId = values.GetValueOrDefault("monitorId");
        string? path;
        if (monitorId is not null)
        {
            path = view.FindMonitor(monitorId, channelId);
            if (path is null)
            {
                return (null, null, $"monitor '{ParameterReader.Printable(monitorId)}' does not exist on channel '{ParameterReader.Printable(channelId)}'");
            }
        }
        else if (FirstMonitor(view, kind, [channelId]) is { } first)
        {
            (monitorId, path) = first.Monitor;
        }
        else
        {
            return (null, null, $"channel '{ParameterReader.Printable(channelId)}' has no monitor{(reminder ? " that asks for reminders (subscribeParam.refreshEvent)" : string.Empty)}; give monitorId");
        }

        var monitor = view.Definition(path);
        if (reminder && MessageFactory.RefreshSeconds(monitor) is null)
        {
            return (null, null, $"monitor '{path}' asks for no reminders (no subscribeParam.refreshEvent): it sends none");
        }

        var index = hub.Subscriptions.Vehicles.ToList().IndexOf(vehicleId);
        var pinned = (scenario?.Events?.Monitors ?? []).Where(p => p.Vehicle == index).ToList();
        var message = hub.Factory.Monitor(new MonitorEventInfo
        {
            ChannelId = channelId,
            ChannelLabel = label,
            MonitorId = monitorId,
            VehicleId = vehicleId,
            Monitor = monitor,
            Values = MonitorTriggers.Derive(monitor, pinned),
            Refresh = reminder ? 1 : 0,
            Scenario = scenario,
        });
        return (message, monitor, null);
    }

    /// <summary>The first world monitor on these channels that sends the message (a reminder needs <c>refreshEvent</c>): its channel, id and path.</summary>
    private (string Channel, (string Id, string Path) Monitor)? FirstMonitor(ISubscriptionView view, MessageKind kind, IEnumerable<string> channels)
    {
        var monitors = hub.Factory.World.Model.ByItem(hub.Catalog.Monitor)!;
        foreach (var channel in channels)
        {
            var parents = new Dictionary<string, string>(StringComparer.Ordinal) { [monitors.List.Parameters[^1]] = channel };
            foreach (var id in hub.Factory.World.IdsOf(monitors, parents))
            {
                if (view.FindMonitor(id, channel) is { } path && (kind != MessageKind.MonitorRefresh || MessageFactory.RefreshSeconds(view.Definition(path)) is not null))
                {
                    return (channel, (id, path));
                }
            }
        }

        return null;
    }

    private IEnumerable<string> WorldChannels() =>
        hub.Factory.World.Model.ByItem(hub.Catalog.Channel) is { } channels ? hub.Factory.World.IdsOf(channels, new Dictionary<string, string>()) : [];
}
