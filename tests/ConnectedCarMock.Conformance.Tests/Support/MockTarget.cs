using ConnectedCarMock.MockServer;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Support;

/// <summary>An in-process mock on a free port as the target of a conformance run, clean or with one defect injected.</summary>
internal sealed class MockTarget : IAsyncDisposable
{
    // The runner checks with its own copy of each document, as it would from another process: the
    // mock's validator cache and the runner's are never the same object.
    private static readonly Lazy<ApiDocument> s_runnerOurs = new(SpecLoader.LoadEmbedded);
    private static readonly Lazy<ApiDocument> s_runnerPublished = new(() => SpecLoader.LoadFile(TestPaths.RequirePublishedSpec()));

    private MockTarget(ConnectedCarMockServer server, ApiDocument runnerDocument)
    {
        Server = server;
        RunnerDocument = runnerDocument;
    }

    public ConnectedCarMockServer Server { get; }

    /// <summary>The document the mock serves.</summary>
    public ApiDocument Document => Server.Document;

    /// <summary>The same document, loaded separately, that the runner checks against.</summary>
    public ApiDocument RunnerDocument { get; }

    public string TokenUrl => Server.BaseUrl + "/oauth/token";

    /// <summary>A mock serving our document or the published one (<see cref="Specs.Ours"/>, <see cref="Specs.Published"/>).</summary>
    public static async Task<MockTarget> StartAsync(string spec = Specs.Ours, Interceptor? interceptor = null)
    {
        var document = Specs.ByName(spec);
        var server = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions
        {
            Port = 0,
            Events = MockServer.Events.DeliveryOptions.Immediate with { WebhookHosts = ["loopback"] }, // channels the runner creates get generated targets: nothing leaves the machine
            Interceptor = interceptor is null ? null : (request, next) => interceptor(request, next),
        });
        return new MockTarget(server, spec == Specs.Published ? s_runnerPublished.Value : s_runnerOurs.Value);
    }

    /// <summary>Runner options for this target: its document, its token endpoint, four operations at a time.</summary>
    public ConformanceOptions Options() => new()
    {
        Target = Server.ApiUrl,
        Document = RunnerDocument,
        TokenUrl = TokenUrl,
        Parallelism = 4,
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
