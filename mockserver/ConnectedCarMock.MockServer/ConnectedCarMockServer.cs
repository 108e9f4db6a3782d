using System.Net;
using System.Net.Sockets;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.Server;
using WireMock.Settings;
using Response = WireMock.ResponseBuilders.Response;

namespace ConnectedCarMock.MockServer;

/// <summary>
/// The Connected Car mock, on WireMock.Net. Start it from a test with
/// <c>await using var mock = await ConnectedCarMockServer.StartAsync(new() { Port = 0 });</c>
/// and call <see cref="ApiUrl"/>. WireMock's admin API stays at <c>/__admin</c>.
/// </summary>
public sealed class ConnectedCarMockServer : IAsyncDisposable, IDisposable
{
    /// <summary>Readiness probe.</summary>
    public const string HealthPath = "/health";

    /// <summary>POST here to forget what clients created, changed and deleted.</summary>
    public const string ResetPath = "/__mock/reset";

    /// <summary>The Pact verifier's provider-state change URL (<c>--state-url</c>): setup and teardown of states.</summary>
    public const string StatesPath = "/__mock/states";

    /// <summary>POST variation settings here (<c>missing=0.3,extra=0.2</c>, <c>light</c>, <c>heavy</c>); DELETE to stop.</summary>
    public const string VariationPath = "/__mock/variation";

    /// <summary>POST a fault plan here (<c>status=503;probability=0.1</c>) to inject it at random; DELETE to stop.</summary>
    public const string FaultsPath = "/__mock/faults";

    // Below every user mapping: WireMock reaches it only when a user mapping might have matched and none did.
    private const int CatchAllPriority = 1_000_000;
    private static readonly Guid CatchAllGuid = new("6d0c5a53-1f6b-4f0c-9d43-6f2f3c3c0a11");

    private readonly WireMockServer _server;
    private readonly MockComposition _composition;
    private readonly FastPathJournal _journal;
    private readonly UserMappings _mappings;
    private readonly Lazy<IWireMockServer> _handle;

    private ConnectedCarMockServer(WireMockServer server, MockComposition composition, MockServerOptions options)
    {
        _server = server;
        _composition = composition;
        Options = options;
        _journal = new FastPathJournal(options.JournalSize, server);
        _mappings = new UserMappings(server, CatchAllGuid, MapCatchAll);
        // Made on first use: the proxy type is emitted at run time, and start-up should not wait for it.
        _handle = new(() => WireMockHandle.Wrap<IWireMockServer>(server, _journal.Flush, _mappings.Refresh));
    }

    public ApiDocument Document => _composition.Document;

    public MockServerOptions Options { get; }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string BaseUrl => _server.Url!.TrimEnd('/');

    /// <summary>The URL the document's paths are appended to, e.g. <c>http://127.0.0.1:8080/api/connectedcar/v1</c>.</summary>
    public string ApiUrl => BaseUrl + Document.BasePath;

    public int Port => _server.Port;

    /// <summary>WireMock.Net itself: request journal (fast-path requests included), extra mappings (which win over the spec-driven answers).</summary>
    public IWireMockServer WireMock => _handle.Value;

    /// <exception cref="SpecLoadException">The document cannot be loaded.</exception>
    public static async Task<ConnectedCarMockServer> StartAsync(MockServerOptions? options = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        options ??= new MockServerOptions();
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;

        // Kestrel starts on one core while the document loads on the other: start-up is the longer
        // of the two, not their sum. Requests wait for the fast path, which exists once both are done.
        var ready = new TaskCompletionSource<FastPath>(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = Task.Run(() => StartWireMock(options, port, ready.Task), cancellationToken);
        ApiDocument document;
        try
        {
            document = options.SpecPath is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(options.SpecPath);
        }
        catch (Exception ex)
        {
            ready.TrySetException(ex);
            (await starting).Stop();
            throw;
        }

        return await StartAsync(document, options with { Port = port }, log, starting, ready, cancellationToken);
    }

    public static Task<ConnectedCarMockServer> StartAsync(ApiDocument document, MockServerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
        var ready = new TaskCompletionSource<FastPath>(TaskCreationOptions.RunContinuationsAsynchronously);
        return StartAsync(document, options with { Port = port }, log, Task.Run(() => StartWireMock(options, port, ready.Task), cancellationToken), ready, cancellationToken);
    }

    private static async Task<ConnectedCarMockServer> StartAsync(ApiDocument document, MockServerOptions options, Action<string>? log, Task<WireMockServer> starting, TaskCompletionSource<FastPath> ready, CancellationToken cancellationToken)
    {
        MockComposition composition;
        try
        {
            composition = MockComposition.Create(document, options, log);
        }
        catch (Exception ex)
        {
            ready.TrySetException(ex);
            (await starting).Stop();
            throw;
        }

        var server = await starting;
        cancellationToken.ThrowIfCancellationRequested();
        var mock = new ConnectedCarMockServer(server, composition, options);
        mock.MapCatchAll();
        mock._mappings.Refresh();
        ready.SetResult(new FastPath(composition.Endpoints, mock._mappings, mock._journal, composition.Caches.BaseUrls));
        return mock;
    }

    private static WireMockServer StartWireMock(MockServerOptions options, int port, Task<FastPath> ready) => WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"http://{(options.Host is "0.0.0.0" or "*" ? "*" : options.Host)}:{port}"],
        StartAdminInterface = true,
        MaxRequestLogCount = options.JournalSize,
        Logger = new WireMockNullLogger(),
        DisableRequestBodyDecompressing = true,
        // Long URLs and large headers reach the pipeline, which answers 400/404 with xError rather than
        // Kestrel's bare 414/431; header bytes outside ASCII are read as Latin-1 instead of refused.
        // Requests Kestrel refuses itself still get an xError body (ProtocolRejections).
        AdditionalServiceRegistration = services =>
        {
            var rejections = new ProtocolRejections();
            services.AddSingleton<ILoggerProvider>(rejections);
            services.Configure<LoggerFilterOptions>(filters => filters.AddFilter<ProtocolRejections>(ProtocolRejections.Category, LogLevel.Debug));
            services.Configure<KestrelServerOptions>(kestrel =>
            {
                kestrel.Limits.MaxRequestLineSize = 64 * 1024;
                kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
                kestrel.Limits.MaxRequestBufferSize = 1024 * 1024;
                kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
                kestrel.ConfigureEndpointDefaults(listen => listen.Use(rejections.Use));
            });
        },
        PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use((HttpContext context, RequestDelegate next) =>
            ready.IsCompletedSuccessfully ? ready.Result.InvokeAsync(context, next) : WhenReadyAsync(ready, context, next)),
    });

    private static async Task WhenReadyAsync(Task<FastPath> ready, HttpContext context, RequestDelegate next) =>
        await (await ready).InvokeAsync(context, next);

    /// <summary>Forgets what clients created, changed and deleted, and every provider state's effects; the seeded world stays.</summary>
    public void Reset() => _composition.Endpoints.Admin.ResetAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>An access token this server accepts, granting the given scopes (as <c>POST /oauth/token</c> would).</summary>
    public string MintToken(IEnumerable<string> scopes, string clientId = "test-client") => _composition.Tokens.Mint(clientId, scopes);

    /// <summary>Webhooks: the delivery journal, and waiting for a delivery (<c>await mock.Deliveries.WaitForAsync(...)</c>).</summary>
    public MockDeliveries Deliveries => _composition.Events.Deliveries;

    /// <summary>Variation applied to every answer unless a request asks otherwise; null for none.</summary>
    public Fixtures.Variation.VariationSettings? Variation
    {
        get => _composition.Store.ReadAsync().AsTask().GetAwaiter().GetResult().Settings.Variation;
        set => _composition.Store.UpdateSettingsAsync(settings => settings with { Variation = value is { IsOff: false } ? value : null }).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Faults injected at random into API answers; null for none.</summary>
    public FaultPlan? Faults
    {
        get => _composition.Store.ReadAsync().AsTask().GetAwaiter().GetResult().Settings.Faults;
        set => _composition.Store.UpdateSettingsAsync(settings => settings with { Faults = value }).AsTask().GetAwaiter().GetResult();
    }

    private void MapCatchAll()
    {
        var endpoints = _composition.Endpoints;
        _server.Given(Request.Create().WithPath(_ => true).UsingAnyMethod())
            .WithGuid(CatchAllGuid)
            .AtPriority(CatchAllPriority)
            .RespondWith(Response.Create().WithCallback(async message =>
            {
                var response = await endpoints.AnswerAsync(WireMockAdapter.ToMockRequest(message));
                if (response.Abort)
                {
                    FastPath.HandedToWireMock.Value?.Abort();
                }

                return (IResponseMessage)WireMockAdapter.ToResponseMessage(response);
            }));
    }

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _composition.Events.DisposeAsync().AsTask().GetAwaiter().GetResult(); // webhooks: stop the sender
        _server.Stop();
        _server.Dispose();
        (_composition.Store as IDisposable)?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
