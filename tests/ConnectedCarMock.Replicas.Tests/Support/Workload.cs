using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Replicas.Tests.Support;

/// <summary>What a run of mixed operations saw: acknowledged writes, read-your-write checks, refusals.</summary>
internal sealed class WorkloadResult
{
    public int Operations;
    public int Acknowledged;
    public int ReadYourWriteChecks;
    public int Unavailable;
    public int ConnectionFailures;
    public readonly ConcurrentQueue<string> Violations = new();
    public readonly ConcurrentBag<TrackedItem> Items = [];

    /// <summary>Operations answered 503 after this moment count as violations (the store is back).</summary>
    public DateTime? NoUnavailableAfter { get; set; }

    public override string ToString() =>
        $"{Operations} operations, {Acknowledged} acknowledged writes, {ReadYourWriteChecks} read-your-write checks, {Unavailable} answered 503, {ConnectionFailures} connection failures, {Violations.Count} violations";
}

/// <summary>
/// An item a client created: where it is, what it last wrote into it, and whether it should exist. A write
/// answered 503 or not at all leaves it uncertain (the store may have applied it before the answer was lost).
/// </summary>
internal sealed class TrackedItem(string kind, string location, TrackedItem? parent)
{
    public string Kind { get; } = kind;

    public string Location { get; } = location;

    public TrackedItem? Parent { get; } = parent;

    public string Id => Location[(Location.LastIndexOf('/') + 1)..];

    /// <summary>The last marker an acknowledged update wrote; reads must show it.</summary>
    public string? Marker { get; set; }

    public bool Deleted { get; set; }

    /// <summary>A write whose answer never came (connection dropped): it may or may not have happened.</summary>
    public bool Uncertain { get; set; }

    public bool Gone => Deleted || (Parent?.Gone ?? false);

    /// <summary>Whether this item's fate is unknown: a write to it, or to its parent, got no answer.</summary>
    public bool Unsure => Uncertain || (Parent?.Unsure ?? false);
}

/// <summary>
/// Create, read, update and delete of channels, monitors and remotes by concurrent clients, each request
/// to the next replica round-robin. Every acknowledged write is read back at once through the next
/// replica: it must show (created: 200 with what was sent; updated: the new label; deleted: 404).
/// </summary>
internal sealed class Workload(ReplicaSet replicas, int seed = 1)
{
    private const string Base = "/api/connectedcar/v1";
    private readonly ApiDocument _document = replicas.Document;
    private readonly Dictionary<string, List<string>> _bodies = [];
    private int _next;

    public async Task<WorkloadResult> RunAsync(int operations, int clients, Func<int, Task>? atOperation = null, WorkloadResult? result = null)
    {
        result ??= new WorkloadResult();
        foreach (var op in new[] { "postChannels", "putChannelsById", "postVehicleMonitors", "putVehicleMonitors", "sendVehicleRemotes" })
        {
            var schema = _document.GetOperation(op).RequestBody!.Content.First(m => m.IsJson).Schema!;
            _bodies[op] = [.. Enumerable.Range(0, 20).Select(i => new PayloadGenerator(_document, new GeneratorOptions { ForRequest = true }).Generate(schema, seed * 100 + i)!.ToJsonString())];
        }

        var done = 0;
        var vin = replicas.World.IdsOf(replicas.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + client);
            var mine = new List<TrackedItem>();
            while (Volatile.Read(ref result.Operations) < operations)
            {
                var step = Interlocked.Increment(ref done);
                if (atOperation is not null)
                {
                    await atOperation(step);
                }

                await StepAsync(random, mine, vin, result);
            }

            foreach (var item in mine)
            {
                result.Items.Add(item);
            }
        })));
        return result;
    }

    private async Task StepAsync(Random random, List<TrackedItem> mine, string vin, WorkloadResult result)
    {
        var live = mine.Where(i => !i.Gone && !i.Unsure).ToList();
        var channels = live.Where(i => i.Kind == "channel").ToList();
        var roll = random.Next(100);
        if (channels.Count == 0 || roll < 15)
        {
            await CreateAsync("channel", "/accounts/channels", "postChannels", null, random, mine, result);
        }
        else if (roll < 27)
        {
            var channel = channels[random.Next(channels.Count)];
            await CreateAsync("monitor", $"/accounts/channels/{channel.Id}/monitors", "postVehicleMonitors", channel, random, mine, result);
        }
        else if (roll < 39)
        {
            var channel = channels[random.Next(channels.Count)];
            await CreateAsync("remote", $"/accounts/vehicles/{vin}/channels/{channel.Id}/remotes", "sendVehicleRemotes", channel, random, mine, result);
        }
        else if (roll < 75)
        {
            var any = mine.Where(i => !i.Unsure).ToList();
            await ReadBackAsync(any[random.Next(any.Count)], result, counted: false);
        }
        else if (roll < 90)
        {
            var updatable = live.Where(i => i.Kind != "remote").ToList();
            var item = updatable[random.Next(updatable.Count)];
            await UpdateAsync(item, random, result);
        }
        else
        {
            var deletable = live.Where(i => i.Kind != "remote").ToList();
            var item = deletable[random.Next(deletable.Count)];
            var (status, _) = await SendAsync(HttpMethod.Delete, item.Location, null, result);
            if (status is null or 503)
            {
                item.Uncertain = true;
                return;
            }

            if (Acknowledged(status.Value, 204, $"DELETE {item.Location}", result))
            {
                item.Deleted = true;
                await ReadBackAsync(item, result, counted: true);
            }
        }
    }

    private async Task CreateAsync(string kind, string path, string operation, TrackedItem? parent, Random random, List<TrackedItem> mine, WorkloadResult result)
    {
        var (status, response) = await SendAsync(HttpMethod.Post, Base + path, _bodies[operation][random.Next(20)], result);
        if (status is not null && Acknowledged(status.Value, 202, $"POST {path}", result))
        {
            var item = new TrackedItem(kind, response!.Headers.Location!.AbsolutePath, parent);
            mine.Add(item);
            await ReadBackAsync(item, result, counted: true);
        }
    }

    private async Task UpdateAsync(TrackedItem item, Random random, WorkloadResult result)
    {
        var body = JsonNode.Parse(_bodies[item.Kind == "channel" ? "putChannelsById" : "putVehicleMonitors"][random.Next(20)])!.AsObject();
        var marker = $"m{Guid.NewGuid():N}"[..20];
        body["label"] = marker;
        var (status, _) = await SendAsync(HttpMethod.Put, item.Location, body.ToJsonString(), result);
        if (status is null or 503)
        {
            item.Uncertain = true;
            return;
        }

        if (Acknowledged(status.Value, 202, $"PUT {item.Location}", result))
        {
            item.Marker = marker;
            await ReadBackAsync(item, result, counted: true);
        }
    }

    /// <summary>Reads an item through the next replica and checks it shows every write acknowledged so far.</summary>
    private async Task ReadBackAsync(TrackedItem item, WorkloadResult result, bool counted)
    {
        var (status, response) = await SendAsync(HttpMethod.Get, item.Location, null, result);
        if (status is null or 503)
        {
            return;
        }

        if (counted)
        {
            Interlocked.Increment(ref result.ReadYourWriteChecks);
        }

        var expected = item.Gone ? 404 : 200;
        var body = await response!.Content.ReadAsStringAsync();
        if (status != expected)
        {
            result.Violations.Enqueue($"GET {item.Location}: {status}, expected {expected} ({item.Kind}{(item.Deleted ? ", deleted" : string.Empty)}): {body}");
        }
        else if (expected == 200 && item.Marker is { } marker && !body.Contains(marker, StringComparison.Ordinal))
        {
            result.Violations.Enqueue($"GET {item.Location}: the update that wrote label {marker} is not shown: {body}");
        }
    }

    private static bool Acknowledged(int status, int expected, string what, WorkloadResult result)
    {
        if (status == expected)
        {
            Interlocked.Increment(ref result.Acknowledged);
            return true;
        }

        if (status != 503)
        {
            result.Violations.Enqueue($"{what}: {status}, expected {expected}");
        }

        return false;
    }

    /// <summary>Sends to the next replica; a null status when the connection failed (a replica killed).</summary>
    private async Task<(int? Status, HttpResponseMessage? Response)> SendAsync(HttpMethod method, string path, string? body, WorkloadResult result)
    {
        Interlocked.Increment(ref result.Operations);
        var client = replicas.Clients[(int)((uint)Interlocked.Increment(ref _next) % replicas.Count)];
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var sent = DateTime.UtcNow;
        try
        {
            var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Judged by when the request was sent: a 503 to one sent before every replica was back, and only
                // looked at after that, is no violation.
                if (result.NoUnavailableAfter is { } after && sent > after)
                {
                    result.Violations.Enqueue($"{method} {path}: 503 after the store was back");
                }

                // What a client honouring Retry-After does, in short: wait a little before the next request.
                Interlocked.Increment(ref result.Unavailable);
                await Task.Delay(100);
            }

            return ((int)response.StatusCode, response);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref result.ConnectionFailures);
            return (null, null);
        }
    }
}
