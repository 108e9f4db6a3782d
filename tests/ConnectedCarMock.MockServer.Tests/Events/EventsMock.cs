using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// A mock whose deliveries go to loopback only, without delays, with every connection its sender
/// opens recorded; and the API calls the event tests make (channels, remotes, monitors).
/// </summary>
internal sealed class EventsMock : IAsyncDisposable
{
    private EventsMock(ConnectedCarMockServer server, ConcurrentQueue<DnsEndPoint> connections)
    {
        Server = server;
        Connections = connections;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.MintToken(server.Document.AllScopes));
        World = new FleetWorld(server.Document, new WorldOptions { Seed = server.Options.Seed, Size = server.Options.WorldSize });
    }

    public ConnectedCarMockServer Server { get; }

    public HttpClient Http { get; }

    public FleetWorld World { get; }

    /// <summary>Every connection the sender opened (or tried to), in order.</summary>
    public ConcurrentQueue<DnsEndPoint> Connections { get; }

    public MockDeliveries Deliveries => Server.Deliveries;

    public string Api => Server.Document.BasePath;

    public IReadOnlyList<string> Vehicles => World.IdsOf(World.Model.ByItem("/accounts/vehicles/{id}")!, new Dictionary<string, string>());

    public static async Task<EventsMock> StartAsync(Func<DeliveryOptions, DeliveryOptions>? configure = null, string? scenario = null, string? spec = null, Action<string>? log = null)
    {
        var connections = new ConcurrentQueue<DnsEndPoint>();
        var events = DeliveryOptions.Immediate with { WebhookHosts = ["loopback"], ConnectionObserver = connections.Enqueue };
        var options = new MockServerOptions { Port = 0, Events = configure is null ? events : configure(events), Scenario = scenario };
        var server = spec is null
            ? await ConnectedCarMockServer.StartAsync(options, log)
            : await ConnectedCarMockServer.StartAsync(Specs.ByName(spec), options, log);
        return new EventsMock(server, connections);
    }

    /// <summary>Creates a webhook channel to the target; its id.</summary>
    public Task<string> CreateChannelAsync(string target, JsonArray? attributes = null, string label = "Fleet back office") =>
        CreateChannelAsync(new JsonObject { ["webhook"] = new JsonObject { ["target"] = target, ["name"] = "tests", ["attributes"] = attributes ?? [] } }, label);

    public async Task<string> CreateChannelAsync(JsonObject channel, string label = "Fleet back office")
    {
        var body = new JsonObject { ["type"] = new JsonArray("Remote", "Monitor"), ["label"] = label, ["channel"] = channel };
        return await CreateAsync($"{Api}/accounts/channels", body);
    }

    public async Task<string> CreateRemoteAsync(string vehicleId, string channelId, JsonObject? remote = null, IReadOnlyDictionary<string, string>? headers = null) =>
        await CreateAsync($"{Api}/accounts/vehicles/{vehicleId}/channels/{channelId}/remotes", remote ?? Lock(), headers);

    public async Task<string> CreateMonitorAsync(string channelId, JsonObject monitor, IReadOnlyDictionary<string, string>? headers = null) =>
        await CreateAsync($"{Api}/accounts/channels/{channelId}/monitors", monitor, headers);

    public async Task SetStatusAsync(string path, string status)
    {
        using var response = await Http.PutAsync($"{Api}{path}/status", Json(new JsonObject { ["status"] = status }));
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
    }

    public static JsonObject Lock(string? label = "Lock after parking") => new()
    {
        ["label"] = label,
        ["action"] = new JsonObject { ["locking"] = new JsonObject { ["state"] = "Locked" } },
    };

    /// <summary>A monitor on the electric battery level (lower than 10 %), with reminders every 60 s.</summary>
    public static JsonObject BatteryMonitor(bool refresh = true)
    {
        var monitor = new JsonObject
        {
            ["label"] = "Battery low",
            ["triggerParam"] = new JsonObject
            {
                ["triggers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "low",
                    ["data"] = new JsonObject { ["data"] = "vehicle.energy.electric.level", ["op"] = "lowerThan", ["value"] = new JsonArray("10") },
                }),
                ["boolExp"] = "low",
            },
            ["extendedEventParam"] = new JsonArray("vehicle.position"),
        };
        if (refresh)
        {
            monitor["subscribeParam"] = new JsonObject { ["refreshEvent"] = 60 };
        }

        return monitor;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private async Task<string> CreateAsync(string path, JsonObject body, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.AbsolutePath.Split('/')[^1];
    }
}
