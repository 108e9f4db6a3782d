using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Events;

internal sealed partial class EventHub
{
    /// <summary>
    /// A 400 for an API request whose event headers are malformed (<see cref="DeliveryHeaders.RemoteOutcome"/>,
    /// <see cref="DeliveryHeaders.EventVariation"/>), checked before the resource is created; null otherwise.
    /// </summary>
    public MockResponse? Refuse(MockRequest request)
    {
        if (request.Method == "GET")
        {
            return null; // reads raise no event: the hot path pays nothing
        }

        if (request.Header(DeliveryHeaders.RemoteOutcome) is { } outcome && RemoteOutcome.Parse(outcome, Factory.FailureCauses).Error is { } outcomeError)
        {
            return ErrorBodies.BadRequest($"{DeliveryHeaders.RemoteOutcome}: {outcomeError}");
        }

        if (request.Header(DeliveryHeaders.EventVariation) is { } variation && VariationSettings.Parse(variation).Error is { } variationError)
        {
            return ErrorBodies.BadRequest($"{DeliveryHeaders.EventVariation}: {variationError}");
        }

        return null;
    }

    /// <summary>
    /// What an answered API request means for events: a created remote raises <c>Pending</c> then
    /// <c>Done</c>; a created monitor fires at once when the scenario pins a value that meets it; a
    /// <c>PUT .../status</c> pauses or resumes a channel or monitor.
    /// </summary>
    public async ValueTask ObserveAsync(Operation operation, ResourceAddress address, MockRequest request, JsonNode? body, Scenario? scenario, int status, string? location)
    {
        if (status is < 200 or >= 300 || !Options.Enabled)
        {
            return;
        }

        if (operation.Method == "POST" && location is not null && Factory.World.Model.ByList(address.Template.Template)?.Item is { } item)
        {
            if (item.Template == Catalog.Remote)
            {
                await RemoteCreatedAsync(item, location, request, body as JsonObject, scenario);
            }
            else if (item.Template == Catalog.Monitor)
            {
                await MonitorCreatedAsync(location, request, body as JsonObject, scenario);
            }
        }
        else if (operation.Method is "PUT" or "PATCH" && !address.Template.EndsWithParameter && address.Template.LastLiteral == "status"
            && Factory.World.Model.ByItem(address.Template.Parent.Template) is not null && EventVariables.Text(body?["status"]) is { } runStatus)
        {
            await Subscriptions.SetRunStatusAsync(address.Template.Parent.Expand(address.Values)!, runStatus);
        }
    }

    private async ValueTask RemoteCreatedAsync(PathTemplate item, string location, MockRequest request, JsonObject? remote, Scenario? scenario)
    {
        var values = item.Match(location.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var channelParameter = new PathTemplate(Catalog.Channel).Parameters[^1];
        if (values is null || !values.TryGetValue(channelParameter, out var channelId))
        {
            return;
        }

        var vehicleId = values[item.Parameters[0]];
        var outcome = request.Header(DeliveryHeaders.RemoteOutcome) is { } asked
            ? RemoteOutcome.Parse(asked, Factory.FailureCauses).Outcome!
            : ScenarioOutcome(scenario, vehicleId, remote) ?? RemoteOutcome.Success;
        await EnqueueAsync(
            new QueuedEvent
            {
                Kind = MessageKind.RemotePending,
                ChannelId = channelId,
                VehicleId = vehicleId,
                SourcePath = location,
                SourceId = values[item.Parameters[^1]],
                Outcome = outcome.ToString(),
                Scenario = scenario?.Name,
                Variation = request.Header(DeliveryHeaders.EventVariation),
            },
            Options.PendingDelay);
    }

    private async ValueTask MonitorCreatedAsync(string location, MockRequest request, JsonObject? monitor, Scenario? scenario)
    {
        var pinned = scenario?.Events?.Monitors ?? [];
        var vehicles = Subscriptions.Vehicles;
        var firing = pinned.FirstOrDefault(p => p.Vehicle < vehicles.Count && MonitorTriggers.Fires(monitor, [p]));
        if (firing is null)
        {
            return;
        }

        var vehicleId = vehicles[firing.Vehicle];
        await RaiseTriggerAsync(location, vehicleId, MonitorTriggers.Derive(monitor, pinned.Where(p => p.Vehicle == firing.Vehicle).ToList()), MessageFactory.RefreshSeconds(monitor) is null ? 0 : 1, scenario, request.Header(DeliveryHeaders.EventVariation));
    }

    /// <summary>The outcome a scenario gives commands on this vehicle (by its index in the world) and of this kind; null when it gives none.</summary>
    private RemoteOutcome? ScenarioOutcome(Scenario? scenario, string vehicleId, JsonObject? remote)
    {
        var index = Subscriptions.Vehicles.ToList().IndexOf(vehicleId);
        var kinds = (remote?["action"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var rule = scenario?.Events?.Remotes.FirstOrDefault(r =>
            (r.Vehicle is null || r.Vehicle == index) && (r.Actions.Count == 0 || kinds.Any(r.Actions.Contains)));
        return rule is null ? null : RemoteOutcome.Parse(rule.Outcome).Outcome;
    }
}
