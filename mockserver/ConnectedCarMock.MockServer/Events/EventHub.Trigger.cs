using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// A monitor trigger asked for on demand (<c>POST /__mock/monitors/{id}/trigger</c> or
/// <see cref="MockDeliveries.TriggerMonitorAsync"/>): everything is optional.
/// </summary>
public sealed record MonitorTrigger
{
    /// <summary>The values that made it fire; default: pinned by the scenario, or values that meet the monitor's data triggers.</summary>
    public IReadOnlyList<TriggerValue>? Values { get; init; }

    /// <summary>Whose data fired it; default: the scenario's vehicle, or the world's first.</summary>
    public string? VehicleId { get; init; }

    /// <summary>Reminders to send while the condition stays true; default 1 when the monitor asks for them (<c>refreshEvent</c>), else 0.</summary>
    public int? Refreshes { get; init; }

    /// <summary>Variation of the messages (<c>sweep=2</c>); default: the server's.</summary>
    public string? Variation { get; init; }

    /// <summary>Scenario to see the world through; default: the provider state's, then the server's.</summary>
    public string? Scenario { get; init; }

    /// <summary>The monitor's channel, when its id alone is ambiguous.</summary>
    public string? ChannelId { get; init; }
}

/// <summary>What a trigger raised, or why it raised nothing (<see cref="Status"/> 400 or 404).</summary>
public sealed record TriggerResult(int Status, string? Error, string? MonitorPath = null, string? VehicleId = null, int Refreshes = 0);

internal sealed partial class EventHub
{
    private const int MaxRefreshes = 100;

    public async Task<TriggerResult> TriggerAsync(string monitorId, MonitorTrigger trigger)
    {
        var view = await Subscriptions.ReadAsync();
        if (view.FindMonitor(monitorId, trigger.ChannelId) is not { } path)
        {
            return new TriggerResult(404, $"monitor '{monitorId}' does not exist{(trigger.ChannelId is null ? string.Empty : $" on channel '{trigger.ChannelId}'")}");
        }

        var scenarioName = trigger.Scenario ?? await _activeScenario();
        var scenario = Scenario(scenarioName);
        if (scenarioName is not null && scenario is null)
        {
            return new TriggerResult(400, $"'{scenarioName}' is not a scenario; known: {string.Join(", ", _scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        if (trigger.Variation is { } variation && VariationSettings.Parse(variation).Error is { } variationError)
        {
            return new TriggerResult(400, $"variation: {variationError}");
        }

        var vehicles = Subscriptions.Vehicles;
        var pinned = scenario?.Events?.Monitors ?? [];
        var vehicleId = trigger.VehicleId ?? (pinned.Count > 0 && pinned[0].Vehicle < vehicles.Count ? vehicles[pinned[0].Vehicle] : vehicles.FirstOrDefault());
        var index = vehicles.ToList().IndexOf(vehicleId ?? string.Empty);
        if (vehicleId is null || index < 0)
        {
            return new TriggerResult(400, $"vehicle '{vehicleId}' is not a vehicle of the world");
        }

        if (trigger.Values?.FirstOrDefault(v => !Factory.MonitoredData.Contains(v.Data)) is { } unknown)
        {
            return new TriggerResult(400, $"'{unknown.Data}' is not a datum the message format knows; known: {string.Join(", ", Factory.MonitoredData.Order(StringComparer.Ordinal))}");
        }

        var monitor = view.Definition(path);
        var asksRefresh = MessageFactory.RefreshSeconds(monitor) is not null;
        var refreshes = trigger.Refreshes ?? (asksRefresh ? 1 : 0);
        if (refreshes is < 0 or > MaxRefreshes || (refreshes > 0 && !asksRefresh))
        {
            return new TriggerResult(400, asksRefresh
                ? $"refreshes must be between 0 and {MaxRefreshes}"
                : $"monitor '{monitorId}' asks for no reminders (no subscribeParam.refreshEvent): refreshes must be 0");
        }

        var values = trigger.Values ?? MonitorTriggers.Derive(monitor, pinned.Where(p => p.Vehicle == index).ToList());
        await RaiseTriggerAsync(path, vehicleId, values, refreshes, scenario, trigger.Variation);
        return new TriggerResult(202, null, path, vehicleId, refreshes);
    }

    private async ValueTask RaiseTriggerAsync(string monitorPath, string vehicleId, IReadOnlyList<TriggerValue> values, int refreshes, Scenario? scenario, string? variation) =>
        await EnqueueAsync(TriggerEvent(monitorPath, vehicleId, values, refreshes, scenario, variation), TimeSpan.Zero);

    private QueuedEvent TriggerEvent(string monitorPath, string vehicleId, IReadOnlyList<TriggerValue> values, int refreshes, Scenario? scenario, string? variation)
    {
        var template = new PathTemplate(Catalog.Monitor);
        var ids = template.Match(monitorPath.Split('/', StringSplitOptions.RemoveEmptyEntries))!;
        return new QueuedEvent
        {
            Kind = MessageKind.MonitorTrigger,
            ChannelId = ids[new PathTemplate(Catalog.Channel).Parameters[^1]],
            VehicleId = vehicleId,
            SourcePath = monitorPath,
            SourceId = ids[template.Parameters[^1]],
            Values = values,
            RefreshesLeft = refreshes,
            Occurrence = NextOccurrence(),
            Scenario = scenario?.Name,
            Variation = variation,
        };
    }
}
