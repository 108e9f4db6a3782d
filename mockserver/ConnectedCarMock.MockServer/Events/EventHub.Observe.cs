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
    /// Before the resource stage: when the store queues a created item's events in the item's own write
    /// (<see cref="IAtomicDeliveryQueue"/>), notes what this request would raise, for <see cref="RaisedByCreate"/>.
    /// Flows with the request (an async local), so concurrent requests never see each other's.
    /// </summary>
    public void Expect(RequestContext context)
    {
        if (_queuesWithCreates && Options.Enabled && context.Request.Method == "POST")
        {
            _create.Value = new PendingCreate(context.Route.Address, context.Request, context.RequestBody, context.Scenario);
        }
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
            if (_create.Value is { Taken: true })
            {
                return; // queued by the store with the item, in the same write
            }

            foreach (var raised in Created(item, location, request, body as JsonObject, scenario))
            {
                await EnqueueAsync(raised.Item, raised.Delay);
            }
        }
        else if (operation.Method is "PUT" or "PATCH" && !address.Template.EndsWithParameter && address.Template.LastLiteral == "status"
            && Factory.World.Model.ByItem(address.Template.Parent.Template) is not null && EventVariables.Text(body?["status"]) is { } runStatus)
        {
            await Subscriptions.SetRunStatusAsync(address.Template.Parent.Expand(address.Values)!, runStatus);
        }
    }

    /// <summary>The store's question at a create (<see cref="IAtomicDeliveryQueue"/>): the events the item raises, given the request noted by <see cref="Expect"/>.</summary>
    private IReadOnlyList<ScheduledEvent> RaisedByCreate(State.CreatedResource created)
    {
        if (_create.Value is not { Taken: false } pending)
        {
            return []; // not a create of this request (a provider state's), or its events are already taken
        }

        pending.Taken = true;
        return Factory.World.Model.ByList(pending.Address.Template.Template)?.Item is { } item
            ? [.. Created(item, created.Path, pending.Request, pending.Body as JsonObject, pending.Scenario).Select(e => e with { Item = e.Item with { Generation = Generation } })]
            : [];
    }

    private IReadOnlyList<ScheduledEvent> Created(PathTemplate item, string location, MockRequest request, JsonObject? body, Scenario? scenario) =>
        item.Template == Catalog.Remote ? RemoteCreated(item, location, request, body, scenario)
        : item.Template == Catalog.Monitor ? MonitorCreated(location, request, body, scenario)
        : [];

    private IReadOnlyList<ScheduledEvent> RemoteCreated(PathTemplate item, string location, MockRequest request, JsonObject? remote, Scenario? scenario)
    {
        var values = item.Match(location.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var channelParameter = new PathTemplate(Catalog.Channel).Parameters[^1];
        if (values is null || !values.TryGetValue(channelParameter, out var channelId))
        {
            return [];
        }

        var vehicleId = values[item.Parameters[0]];
        var outcome = request.Header(DeliveryHeaders.RemoteOutcome) is { } asked
            ? RemoteOutcome.Parse(asked, Factory.FailureCauses).Outcome!
            : ScenarioOutcome(scenario, vehicleId, remote) ?? RemoteOutcome.Success;
        return
        [
            new ScheduledEvent(
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
                Options.PendingDelay),
        ];
    }

    private IReadOnlyList<ScheduledEvent> MonitorCreated(string location, MockRequest request, JsonObject? monitor, Scenario? scenario)
    {
        var pinned = scenario?.Events?.Monitors ?? [];
        var vehicles = Subscriptions.Vehicles;
        var firing = pinned.FirstOrDefault(p => p.Vehicle < vehicles.Count && MonitorTriggers.Fires(monitor, [p]));
        if (firing is null)
        {
            return [];
        }

        var vehicleId = vehicles[firing.Vehicle];
        var values = MonitorTriggers.Derive(monitor, pinned.Where(p => p.Vehicle == firing.Vehicle).ToList());
        return [new ScheduledEvent(TriggerEvent(location, vehicleId, values, MessageFactory.RefreshSeconds(monitor) is null ? 0 : 1, scenario, request.Header(DeliveryHeaders.EventVariation)), TimeSpan.Zero)];
    }

    /// <summary>The outcome a scenario gives commands on this vehicle (by its index in the world) and of this kind; null when it gives none.</summary>
    internal RemoteOutcome? ScenarioOutcome(Scenario? scenario, string vehicleId, JsonObject? remote)
    {
        var index = Subscriptions.Vehicles.ToList().IndexOf(vehicleId);
        var kinds = (remote?["action"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var rule = scenario?.Events?.Remotes.FirstOrDefault(r =>
            (r.Vehicle is null || r.Vehicle == index) && (r.Actions.Count == 0 || kinds.Any(r.Actions.Contains)));
        return rule is null ? null : RemoteOutcome.Parse(rule.Outcome).Outcome;
    }

    /// <summary>A create request as the event stage saw it before the resource stage; <see cref="Taken"/> once its events went with the write.</summary>
    private sealed record PendingCreate(ResourceAddress Address, MockRequest Request, JsonNode? Body, Scenario? Scenario)
    {
        public bool Taken { get; set; }
    }
}
