using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>Where and how a message goes: the channel's transport, its target, and the attributes as headers and query.</summary>
internal sealed record Route(string Transport, Uri? Url, string? Target, IReadOnlyDictionary<string, string> Headers, string? Refusal, IReadOnlyList<string> Devices, string? Name)
{
    private static readonly HashSet<string> ForbiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", DeliveryHeaders.MessageId, DeliveryHeaders.Attempt,
    };

    /// <summary>
    /// The route of a message: the first transport the channel defines, its attributes (a remote's or
    /// monitor's channel attributes add to them or replace those with the same type and key) with
    /// variables replaced, and a refusal when the mock must not send it (no subscription, a target
    /// no client registered, a host the policy refuses).
    /// </summary>
    public static Route Resolve(JsonObject? channel, JsonObject? registered, JsonObject? source, IReadOnlyDictionary<string, string> variables, HostPolicy policy)
    {
        var catalog = EventCatalog.ConnectedCar;
        foreach (var (transport, pointer) in catalog.Transports)
        {
            if (At(channel, pointer) is not JsonObject settings)
            {
                continue;
            }

            var overrides = source?["channelAttributes"]?[transport] ?? source?["subscribeParam"]?["channelAttributes"]?[transport];
            var attributes = Merge(settings["attributes"], overrides);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var query = new List<(string, string)>();
            foreach (var (type, key, value) in attributes)
            {
                var substituted = EventVariables.Substitute(value, variables);
                if (type == "Query")
                {
                    query.Add((key, substituted));
                }
                else if (!ForbiddenHeaders.Contains(key))
                {
                    headers[key] = substituted;
                }
            }

            var name = EventVariables.Text(settings["name"]) ?? EventVariables.Text(channel?["label"]);
            if (transport == "pushnotif")
            {
                var devices = (settings["devices"] as JsonArray)?.Select(EventVariables.Text).OfType<string>().ToList() ?? [];
                return new Route(transport, null, string.Join(", ", devices), headers, null, devices, name);
            }

            var target = EventVariables.Text(settings["target"]);
            var url = target is not null && Uri.TryCreate(target, UriKind.Absolute, out var parsed) ? WithQuery(parsed, query) : null;
            string? refusal = null;
            if (transport == "webhook")
            {
                refusal = EventVariables.Text(At(registered, pointer)?["target"]) is null
                    ? "no client registered this channel's target (a channel of the seeded world): the mock sends nothing to it"
                    : url is null ? $"the target '{target}' is not an absolute URL" : policy.Refusal(url);
            }

            return new Route(transport, url, url?.ToString() ?? target, headers, refusal, [], name);
        }

        return new Route("none", null, null, new Dictionary<string, string>(), "the channel has no webhook, websocket or push-notification subscription", [], null);
    }

    private static List<(string Type, string Key, string Value)> Merge(JsonNode? declared, JsonNode? overrides)
    {
        var merged = new List<(string Type, string Key, string Value)>();
        foreach (var attribute in Flatten(declared).Concat(Flatten(overrides)))
        {
            merged.RemoveAll(a => a.Type == attribute.Type && a.Key.Equals(attribute.Key, StringComparison.OrdinalIgnoreCase));
            merged.Add(attribute);
        }

        return merged;
    }

    // Webhook and websocket channel attributes come as arrays of attribute sets, push ones as one set.
    private static IEnumerable<(string Type, string Key, string Value)> Flatten(JsonNode? node)
    {
        foreach (var item in (node as JsonArray ?? []).OfType<JsonNode>())
        {
            if (item is JsonArray set)
            {
                foreach (var nested in Flatten(set))
                {
                    yield return nested;
                }
            }
            else if (item is JsonObject attribute && EventVariables.Text(attribute["key"]) is { } key && EventVariables.Text(attribute["value"]) is { } value)
            {
                yield return (EventVariables.Text(attribute["type"]) ?? "Header", key, value);
            }
        }
    }

    private static Uri WithQuery(Uri target, List<(string Key, string Value)> query)
    {
        if (query.Count == 0)
        {
            return target;
        }

        var text = new StringBuilder(target.Query.TrimStart('?'));
        foreach (var (key, value) in query)
        {
            text.Append(text.Length == 0 ? string.Empty : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new UriBuilder(target) { Query = text.ToString() }.Uri;
    }

    private static JsonNode? At(JsonNode? node, string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(node, (current, token) => current is JsonObject obj ? obj[token] : null);
}
