using System.Text.Json.Nodes;

namespace ConnectedCarMock.Replicas.Tests.Support;

/// <summary>After a run: every acknowledged item is where it should be on every replica, and listed once.</summary>
internal static class Verifier
{
    /// <summary>The problems found; empty when nothing acknowledged was lost or duplicated.</summary>
    public static async Task<List<string>> CheckAsync(ReplicaSet replicas, WorkloadResult result)
    {
        var problems = new List<string>();
        var items = result.Items.Where(i => !i.Unsure).ToList();
        var duplicated = result.Items.GroupBy(i => i.Location).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicated.Select(d => $"{d} was handed to two creates"));
        for (var r = 0; r < replicas.Count; r++)
        {
            var client = replicas.Clients[r];
            var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, cancel) =>
            {
                using var response = await client.GetAsync(item.Location, cancel);
                if ((int)response.StatusCode != (item.Gone ? 404 : 200))
                {
                    wrong.Enqueue($"replica {r}: GET {item.Location} {(int)response.StatusCode}, expected {(item.Gone ? 404 : 200)}");
                }
            });
            problems.AddRange(wrong);

            var listed = await ListAsync(client, "/api/connectedcar/v1/accounts/channels");
            problems.AddRange(listed.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"replica {r}: channel {g.Key} listed {g.Count()} times"));
            var set = listed.ToHashSet(StringComparer.Ordinal);
            foreach (var channel in items.Where(i => i.Kind == "channel"))
            {
                if (set.Contains(channel.Id) == channel.Gone)
                {
                    problems.Add($"replica {r}: channel {channel.Id} {(channel.Gone ? "deleted but listed" : "not listed")}");
                }
            }
        }

        return problems;
    }

    /// <summary>Every id of a list, following its pages.</summary>
    public static async Task<List<string>> ListAsync(HttpClient client, string path)
    {
        var ids = new List<string>();
        string? next = path + "?pageSize=500";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null && seen.Add(next))
        {
            var page = JsonNode.Parse(await client.GetStringAsync(next))!;
            var items = page["_embedded"]!.AsObject().First().Value!.AsArray();
            ids.AddRange(items.Select(i => i!["_links"]!["self"]!["href"]!.GetValue<string>().Split('/')[^1]));
            next = page["_links"]?["next"]?["href"]?.GetValue<string>() is { } href && items.Count > 0 ? new Uri(href).PathAndQuery : null;
        }

        return ids;
    }
}
