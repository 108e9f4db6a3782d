using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// What the event engine reads of channels, monitors and remotes, and the one thing it writes (a run
/// status set through <c>PUT .../status</c>): the seam between events and the state store. Reads go
/// through one snapshot (<see cref="ReadAsync"/>), as a request's stages do.
/// </summary>
internal interface ISubscriptions
{
    /// <summary>The world's vehicle ids, in order (scenarios name vehicles by index).</summary>
    IReadOnlyList<string> Vehicles { get; }

    /// <summary>Channels, monitors and remotes as of now.</summary>
    ValueTask<ISubscriptionView> ReadAsync();

    ValueTask SetRunStatusAsync(string itemPath, string status);
}

/// <summary>Channels, monitors and remotes as of one snapshot of the state store.</summary>
internal interface ISubscriptionView
{
    /// <summary>Whether the item at a path exists: in the world or created, with every parent, and not deleted.</summary>
    bool Exists(string itemPath);

    /// <summary>What was registered for the item (a channel's subscription, a monitor's parameters, a remote's command): the client's, over the world's.</summary>
    JsonObject? Definition(string itemPath);

    /// <summary>The part of <see cref="Definition"/> a client sent (null for an item of the world no client changed).</summary>
    JsonObject? Registered(string itemPath);

    /// <summary><c>Running</c>, <c>Paused</c>... as last set, else as created (<c>Running</c>) or as the world has it.</summary>
    string RunStatus(string itemPath);

    /// <summary>The item path of a monitor, searched over every channel (world and created); null when there is none.</summary>
    string? FindMonitor(string monitorId, string? channelId);
}
