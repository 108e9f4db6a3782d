using System.Globalization;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// One write in the shared log, as JSON: what a replica replays, in version order, onto its local
/// <see cref="ResourceState"/> with the same operations the in-memory store uses, so both stores agree
/// on what a sequence of writes means.
/// </summary>
internal static class RedisLogEntry
{
    public static string Created(CreatedResource item) => new JsonObject
    {
        ["k"] = "c",
        ["c"] = item.Collection,
        ["i"] = item.Id,
        ["o"] = item.Order,
        ["p"] = item.Path,
        ["b"] = item.Overlay?.DeepClone(),
    }.ToJsonString();

    public static string Updated(string path, JsonObject changes) =>
        new JsonObject { ["k"] = "u", ["p"] = path, ["b"] = changes.DeepClone() }.ToJsonString();

    public static string Deleted(string path) => new JsonObject { ["k"] = "d", ["p"] = path }.ToJsonString();

    public static string Reset() => """{"k":"r"}""";

    /// <summary>The version and entry of a log member (<c>"{version} {json}"</c>).</summary>
    public static (long Version, string Entry) Split(string member)
    {
        var space = member.IndexOf(' ', StringComparison.Ordinal);
        return (long.Parse(member.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture), member[(space + 1)..]);
    }

    /// <summary>Whether an entry clears everything before it (replay may start there).</summary>
    public static bool IsReset(string entry) => entry == Reset();

    /// <summary>The resources after one entry, at the entry's version.</summary>
    /// <exception cref="InvalidDataException">The entry is not one this mock writes.</exception>
    public static ResourceState Apply(ResourceState resources, long version, string entry)
    {
        var json = JsonNode.Parse(entry) as JsonObject ?? throw new InvalidDataException($"log entry {version} is not a JSON object");
        var path = json["p"]?.GetValue<string>();
        var next = json["k"]?.GetValue<string>() switch
        {
            "c" => resources.With(new CreatedResource(json["c"]!.GetValue<string>(), json["i"]!.GetValue<string>(), json["o"]!.GetValue<long>(), path!, json["b"] as JsonObject)) ?? resources,
            "u" => resources.WithChanges(path!, json["b"] as JsonObject ?? []),
            "d" => resources.WithDeleted(path!),
            "r" => ResourceState.Empty,
            var kind => throw new InvalidDataException($"log entry {version} has an unknown kind '{kind}'"),
        };
        return next.WithVersion(version);
    }
}
