using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Events;
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
    private MockComposition(ApiDocument document, FleetWorld world, IStateStore store, TokenService tokens, Caches caches, MockEndpoints endpoints, EventHub events)
    {
        Events = events;
        Document = document;
        World = world;
        Store = store;
        Tokens = tokens;
        Caches = caches;
        Endpoints = endpoints;
    }

    public ApiDocument Document { get; }

    public FleetWorld World { get; }

    /// <summary>In memory, or shared with other replicas through Redis (<c>--state</c>); disposed with the server.</summary>
    public IStateStore Store { get; }

    public TokenService Tokens { get; }

    public Caches Caches { get; }

    /// <summary>Everything a request can reach: admin endpoints, the authorization server and the API.</summary>
    public MockEndpoints Endpoints { get; }

    /// <summary>Webhooks: the events remotes and monitors raise, their queue, sender and journal.</summary>
    public EventHub Events { get; }

    /// <exception cref="ArgumentException">The options name a scenario that does not exist, or a state store URL that is not one.</exception>
    /// <exception cref="StoreUnavailableException">The shared state store cannot be reached.</exception>
    public static MockComposition Create(ApiDocument document, MockServerOptions options, Action<string>? log = null, IResourceEvents? events = null)
    {
        var scenarios = ScenarioCatalog.Load(options.ScenarioDirectory);
        if (options.Scenario is not null && !scenarios.ContainsKey(options.Scenario))
        {
            throw new ArgumentException($"unknown scenario '{options.Scenario}'; known: {string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        var caches = new Caches();
        var world = new FleetWorld(document, new WorldOptions { Seed = options.Seed, Size = options.WorldSize });
        var router = new Router(document);
        IStateStore store = options.State is { } state
            ? RedisStateStore.Connect(RedisStateTarget.Parse(state, options.StatePrefix), RuntimeSettings.From(options), new RedisReadPolicy(router, world.Model, document, caches.Routes), events, log)
            : new InMemoryStateStore(RuntimeSettings.From(options), events);
        var tokens = new TokenService(options.Security, caches.Tokens);
        var hub = new EventHub(world, store, scenarios, options.Events, log, store is RedisStateStore shared ? generation => new RedisDeliveryQueue(shared, generation) : null);
        var pipeline = new RequestPipeline(
            new RouteStage(router, caches.Routes),
            new Authenticator(document, tokens, caches.Authorizations),
            new FaultStage(caches.FaultHeaders),
            new ValidateStage(new ParameterReader(document), new RequestBodyReader(document), scenarios, caches.VariationHeaders),
            new EventStage(hub),
            new ResourceStage(new ResourceHandler(new ResourceRenderer(world), store, caches.Renders)),
            new RenderStage(document.BasePath, options.PublicUrl, caches.LinkBases),
            new ScopeFilter(document, caches.ScopeSignatures),
            new VariationStage(document, caches.Answers, caches.Templates),
            new WriteStage(options.Seed),
            new ErrorModel(document));
        var api = new MockApi(pipeline, new OAuthEndpoints(document, tokens), store, options.Interceptor, log);
        var catalog = ProviderStateCatalog.Load(options.ProviderStatesFile);
        var states = new ProviderStateHandler(world, store, catalog);
        var admin = new MockAdmin(store, states, new EventEndpoints(hub), new MessageProviderEndpoint(hub, states, catalog, store));
        return new MockComposition(document, world, store, tokens, caches, new MockEndpoints(admin, api), hub);
    }
}
