using ConnectedCarMock.Fixtures.Events;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// An event waiting to be turned into a message and delivered: what happened, to which resource,
/// and how it was asked for (outcome, scenario, variation). Plain values only, so a shared queue
/// (Redis streams) can carry it as it is; the message is built when the event is due, from the
/// state of that moment (a channel paused in between sends nothing).
/// </summary>
internal sealed record QueuedEvent
{
    public required MessageKind Kind { get; init; }

    public required string ChannelId { get; init; }

    public required string VehicleId { get; init; }

    /// <summary>The remote's or monitor's item path (<c>/accounts/vehicles/v/channels/c/remotes/r</c>).</summary>
    public required string SourcePath { get; init; }

    public required string SourceId { get; init; }

    /// <summary>How the remote ends (<c>Failed:DoorsOpen</c>); remote events only.</summary>
    public string? Outcome { get; init; }

    /// <summary>Trigger values as given or derived; monitor events only.</summary>
    public IReadOnlyList<TriggerValue> Values { get; init; } = [];

    /// <summary>0 for a firing, then the reminder's number.</summary>
    public int Refresh { get; init; }

    /// <summary>Reminders still to send after this one.</summary>
    public int RefreshesLeft { get; init; }

    /// <summary>Which firing of the monitor this is.</summary>
    public long Occurrence { get; init; } = 1;

    public string? Scenario { get; init; }

    /// <summary>Variation settings text asked for this event (<c>sweep=3</c>); null: the server's.</summary>
    public string? Variation { get; init; }

    /// <summary>Events queued before a reset belong to an older generation and are dropped.</summary>
    public long Generation { get; init; }
}

/// <summary>An event and how long after now it is due.</summary>
internal readonly record struct ScheduledEvent(QueuedEvent Item, TimeSpan Delay);
