using System.Net;
using System.Net.Sockets;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.Schemas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
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

    // Below every user mapping: mappings added through /__admin win over the spec-driven answers.
    private const int CatchAllPriority = 1_000_000;

    private readonly WireMockServer _server;
    private readonly ResourceStore _store;
    private readonly RequestPipeline _pipeline;

    private ConnectedCarMockServer(WireMockServer server, ApiDocument document, ResourceStore store, RequestPipeline pipeline, MockServerOptions options)
    {
        _server = server;
        _store = store;
        _pipeline = pipeline;
        Document = document;
        Options = options;
    }

    public ApiDocument Document { get; }

    public MockServerOptions Options { get; }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string BaseUrl => _server.Url!.TrimEnd('/');

    /// <summary>The URL the document's paths are appended to, e.g. <c>http://127.0.0.1:8080/api/connectedcar/v1</c>.</summary>
    public string ApiUrl => BaseUrl + Document.BasePath;

    public int Port => _server.Port;

    /// <summary>WireMock.Net itself: request journal, extra mappings.</summary>
    public IWireMockServer WireMock => _server;

    /// <exception cref="SpecLoadException">The document cannot be loaded.</exception>
    public static async Task<ConnectedCarMockServer> StartAsync(MockServerOptions? options = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        options ??= new MockServerOptions();
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;

        // Kestrel starts on one core while the document loads on the other: start-up is the longer
        // of the two, not their sum. /health answers only once the mappings exist.
        var pipelineSlot = new PipelineSlot();
        var starting = Task.Run(() => StartWireMock(options, port, pipelineSlot), cancellationToken);
        ApiDocument document;
        try
        {
            document = options.SpecPath is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(options.SpecPath);
        }
        catch
        {
            (await starting).Stop();
            throw;
        }

        return await StartAsync(document, options with { Port = port }, log, starting, pipelineSlot, cancellationToken);
    }

    public static Task<ConnectedCarMockServer> StartAsync(ApiDocument document, MockServerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
        var slot = new PipelineSlot();
        return StartAsync(document, options with { Port = port }, log, Task.Run(() => StartWireMock(options, port, slot), cancellationToken), slot, cancellationToken);
    }

    private static async Task<ConnectedCarMockServer> StartAsync(ApiDocument document, MockServerOptions options, Action<string>? log, Task<WireMockServer> starting, PipelineSlot slot, CancellationToken cancellationToken)
    {
        RequestPipeline pipeline;
        try
        {
            pipeline = new RequestPipeline(document, options, new ResourceStore(), log);
        }
        catch
        {
            (await starting).Stop();
            throw;
        }

        slot.Pipeline = pipeline;
        var server = await starting;
        cancellationToken.ThrowIfCancellationRequested();
        var mock = new ConnectedCarMockServer(server, document, pipeline.Store, pipeline, options);
        mock.Map();
        return mock;
    }

    private static WireMockServer StartWireMock(MockServerOptions options, int port, PipelineSlot slot) => WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"http://{(options.Host is "0.0.0.0" or "*" ? "*" : options.Host)}:{port}"],
        StartAdminInterface = true,
        MaxRequestLogCount = options.JournalSize,
        Logger = new WireMockNullLogger(),
        DisableJsonBodyParsing = true,
        DisableRequestBodyDecompressing = true,
        // Long URLs and large headers reach the pipeline, which answers 400/404 with xError rather than Kestrel's bare 414/431.
        AdditionalServiceRegistration = services => services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.MaxRequestBufferSize = 1024 * 1024;
        }),
        PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(async (context, next) =>
        {
            // A dropped connection cannot be expressed as a WireMock response: abort before WireMock answers.
            if (slot.Pipeline?.ShouldReset(context.Request.Headers[RequestPipeline.FaultHeader].ToString()) == true)
            {
                context.Abort();
                return;
            }

            await next(context);
        }),
    });

    /// <summary>The pipeline, handed to the middleware that starts before it exists.</summary>
    private sealed class PipelineSlot
    {
        public RequestPipeline? Pipeline { get; set; }
    }

    /// <summary>Forgets what clients created, changed and deleted, and every provider state's effects; the seeded world stays.</summary>
    public void Reset()
    {
        _store.Reset();
        _pipeline.States.ClearEffects();
        _pipeline.Events.Reset(); // webhooks: queued events and the delivery journal
    }

    /// <summary>Webhooks: the delivery journal, and waiting for a delivery (<c>await mock.Deliveries.WaitForAsync(...)</c>).</summary>
    public MockDeliveries Deliveries => _pipeline.Events.Deliveries;

    /// <summary>An access token this server accepts, granting the given scopes (as <c>POST /oauth/token</c> would).</summary>
    public string MintToken(IEnumerable<string> scopes, string clientId = "test-client") => _pipeline.Tokens.Mint(clientId, scopes);

    /// <summary>Variation applied to every answer unless a request asks otherwise; null for none.</summary>
    public Fixtures.Variation.VariationSettings? Variation
    {
        get => _pipeline.Variation;
        set => _pipeline.Variation = value;
    }

    /// <summary>Faults injected at random into API answers; null for none.</summary>
    public FaultPlan? Faults
    {
        get => _pipeline.Faults;
        set => _pipeline.Faults = value;
    }

    private void Map()
    {
        var pipeline = _pipeline;
        _server.Given(Request.Create().WithPath(HealthPath).UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"status\":\"ok\"}"));
        _server.Given(Request.Create().WithPath(ResetPath).UsingPost())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Reset();
                return new ResponseMessage { StatusCode = 204 };
            }));
        _server.Given(Request.Create().WithPath(FaultsPath).UsingPost())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(message =>
            {
                var (plan, error) = FaultPlan.Parse(message.Body ?? string.Empty);
                if (plan is null)
                {
                    return WireMockAdapter.ToResponseMessage(ErrorBodies.BadRequest($"fault plan: {error}"));
                }

                Faults = plan;
                return new ResponseMessage { StatusCode = 204 };
            }));
        _server.Given(Request.Create().WithPath(StatesPath).UsingPost())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(message =>
                WireMockAdapter.ToResponseMessage(pipeline.States.Handle(message.BodyAsBytes ?? System.Text.Encoding.UTF8.GetBytes(message.Body ?? string.Empty)))));
        _server.Given(Request.Create().WithPath(VariationPath).UsingPost())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(message =>
            {
                var (settings, error) = Fixtures.Variation.VariationSettings.Parse(message.Body ?? string.Empty);
                if (settings is null)
                {
                    return WireMockAdapter.ToResponseMessage(ErrorBodies.BadRequest($"variation: {error}"));
                }

                Variation = settings.IsOff ? null : settings;
                return new ResponseMessage { StatusCode = 204 };
            }));
        _server.Given(Request.Create().WithPath(VariationPath).UsingDelete())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Variation = null;
                return new ResponseMessage { StatusCode = 204 };
            }));
        _server.Given(Request.Create().WithPath(FaultsPath).UsingDelete())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Faults = null;
                return new ResponseMessage { StatusCode = 204 };
            }));
        EventEndpoints.Map(_server, pipeline.Events); // webhooks: /__mock/deliveries, /__mock/monitors/{id}/trigger
        _server.Given(Request.Create().WithPath(_ => true).UsingAnyMethod())
            .AtPriority(CatchAllPriority)
            .RespondWith(Response.Create().WithCallback(async message =>
            {
                // The next provider-state set-up belongs to another interaction: it starts from a clean state.
                pipeline.States.RequestServed();
                return (IResponseMessage)WireMockAdapter.ToResponseMessage(await pipeline.HandleAsync(WireMockAdapter.ToMockRequest(message)));
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
        _pipeline.Events.DisposeAsync().AsTask().GetAwaiter().GetResult(); // webhooks: stop the sender
        _server.Stop();
        _server.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
