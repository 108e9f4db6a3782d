using System.Text;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Replicas.Tests.Support;

/// <summary>What the webhook tests send: a channel to a receiver, a lock command, as JSON content.</summary>
internal static class WebhookBodies
{
    /// <summary>A channel for remote and monitor events, delivered by webhook to <paramref name="target"/>.</summary>
    public static JsonObject Channel(string target, string label) => new()
    {
        ["type"] = new JsonArray("Remote", "Monitor"),
        ["label"] = label,
        ["channel"] = new JsonObject { ["webhook"] = new JsonObject { ["target"] = target, ["name"] = "tests", ["attributes"] = new JsonArray() } },
    };

    public static JsonObject Lock() => new() { ["label"] = "Lock", ["action"] = new JsonObject { ["locking"] = new JsonObject { ["state"] = "Locked" } } };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
