using System.Net.Http.Headers;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Replicas.Tests.Support;

/// <summary>
/// Several mocks in this process sharing one state store, as replicas behind a load balancer would: each
/// its own server, port, caches and local copy; only the store in common. A replica can be killed and
/// started again on its port.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private readonly ConnectedCarMockServer?[] _servers;
    private readonly MockServerOptions[] _options;
    private readonly List<string> _log;

    private ReplicaSet(ConnectedCarMockServer[] servers, MockServerOptions[] options, List<string> log)
    {
        _log = log;
        _servers = servers;
        _options = options;
        Document = servers[0].Document;
        World = new FleetWorld(Document, new WorldOptions { Seed = servers[0].Options.Seed, Size = servers[0].Options.WorldSize });
        Token = servers[0].MintToken(Document.AllScopes);
        Clients = servers.Select(s => Client(s.BaseUrl)).ToArray();
    }

    public ApiDocument Document { get; }

    public FleetWorld World { get; }

    /// <summary>Minted by one replica, accepted by all: they share the signing key.</summary>
    public string Token { get; }

    /// <summary>One client per replica, bearing <see cref="Token"/>; they keep working across a replica's restart.</summary>
    public HttpClient[] Clients { get; }

    public int Count => _servers.Length;

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public static async Task<ReplicaSet> StartAsync(string stateUrl, int count = 3, string prefix = "test", MockServerOptions? options = null)
    {
        var document = SpecLoader.LoadEmbedded();
        var all = Enumerable.Range(0, count).Select(_ => (options ?? new MockServerOptions()) with { Port = 0, State = stateUrl, StatePrefix = prefix }).ToArray();
        var servers = new ConnectedCarMockServer[count];
        var log = new List<string>();
        for (var i = 0; i < count; i++)
        {
            servers[i] = await ConnectedCarMockServer.StartAsync(document, all[i], Logger(log, i));
            all[i] = all[i] with { Port = servers[i].Port };
        }

        return new ReplicaSet(servers, all, log);
    }

    public ConnectedCarMockServer Server(int index) => _servers[index] ?? throw new InvalidOperationException($"replica {index} is down");

    public bool IsDown(int index) => _servers[index] is null;

    /// <summary>Stops a replica at once: its open requests fail, its port refuses connections.</summary>
    public void Kill(int index)
    {
        _servers[index]?.Dispose();
        _servers[index] = null;
    }

    /// <summary>Starts a killed replica again on its port, with an empty local copy.</summary>
    public async Task RestartAsync(int index) =>
        _servers[index] = await ConnectedCarMockServer.StartAsync(Document, _options[index], Logger(_log, index));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        for (var i = 0; i < _servers.Length; i++)
        {
            Kill(i);
        }

        await Task.CompletedTask;
    }

    private HttpClient Client(string baseUrl)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private static Action<string> Logger(List<string> log, int index) => line =>
    {
        lock (log)
        {
            log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} [{index}] {line}");
        }
    };
}
