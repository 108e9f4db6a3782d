using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The composition root: the one place that builds every stage, cache and store of a mock and wires
/// them together. The server (in-process and CLI) and <c>generate</c> both start from here, so they
/// answer through the same pipeline.
/// </summary>
internal sealed class MockComposition
{
    private MockComposition(ApiDocument document, FleetWorld world, InMemoryStateStore store, TokenService tokens, Caches caches, MockEndpoints endpoints)
    {
        Document = document;
        World = world;
        Store = store;
        Tokens = tokens;
        Caches = caches;
        Endpoints = endpoints;
    }

    public ApiDocument Document { get; }

    public FleetWorld World { get; }

    public InMemoryStateStore Store { get; }

    public TokenService Tokens { get; }

    public Caches Caches { get; }

    /// <summary>Everything a request can reach: admin endpoints, the authorization server and the API.</summary>
    public MockEndpoints Endpoints { get; }

    /// <exception cref="ArgumentException">The options name a scenario that does not exist.</exception>
    public static MockComposition Create(ApiDocument document, MockServerOptions options, Action<string>? log = null, IResourceEvents? events = null)
    {
        var scenarios = ScenarioCatalog.Load(options.ScenarioDirectory);
        if (options.Scenario is not null && !scenarios.ContainsKey(options.Scenario))
        {
            throw new ArgumentException($"unknown scenario '{options.Scenario}'; known: {string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        var caches = new Caches();
        var world = new FleetWorld(document, new WorldOptions { Seed = options.Seed, Size = options.WorldSize });
        var store = new InMemoryStateStore(RuntimeSettings.From(options), events);
        var tokens = new TokenService(options.Security, caches.Tokens);
        var pipeline = new RequestPipeline(
            new RouteStage(new Router(document), caches.Routes),
            new Authenticator(document, tokens, caches.Authorizations),
            new FaultStage(caches.FaultHeaders),
            new ValidateStage(new ParameterReader(document), new RequestBodyReader(document), scenarios, caches.VariationHeaders),
            new ResourceStage(new ResourceHandler(new ResourceRenderer(world), store, caches.Renders)),
            new RenderStage(document.BasePath, options.PublicUrl, caches.LinkBases),
            new ScopeFilter(document, caches.ScopeSignatures),
            new VariationStage(document, caches.Answers, caches.Templates),
            new WriteStage(options.Seed),
            new ErrorModel(document));
        var api = new MockApi(pipeline, new OAuthEndpoints(document, tokens), store, options.Interceptor, log);
        var admin = new MockAdmin(store, new ProviderStateHandler(world, store, ProviderStateCatalog.Load(options.ProviderStatesFile)));
        return new MockComposition(document, world, store, tokens, caches, new MockEndpoints(admin, api));
    }
}
