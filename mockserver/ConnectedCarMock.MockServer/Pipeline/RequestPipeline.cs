using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// One request through the mock: match operation → authenticate → authorize → validate request →
/// resolve resource in the world → generate body → drop what the granted optional scopes do not
/// cover → serialize with the document's media type. Each stage is its own type; the pipeline only
/// sequences them, and nothing in here may throw to the server.
/// </summary>
internal sealed class RequestPipeline
{
    /// <summary>Selects a scenario for one request, over the server's <c>--scenario</c>.</summary>
    public const string ScenarioHeader = "X-Mock-Scenario";

    /// <summary>Asks for a fault on one request: <c>status=503</c>, <c>delay=250ms</c>, <c>reset</c>.</summary>
    public const string FaultHeader = "X-Mock-Fault";

    /// <summary>Says which fault was injected; the journal keeps it with the response.</summary>
    public const string FaultAppliedHeader = "X-Mock-Fault-Applied";

    /// <summary>Asks for a tolerant-reader variation of one answer: <c>missing=0.5; extra=0.5; seed=1234</c> or <c>sweep=N</c>.</summary>
    public const string VariationHeader = "X-Mock-Variation";

    /// <summary>What the variation did: <c>seed=1234; removed=7; added=4</c>.</summary>
    public const string VariationAppliedHeader = "X-Mock-Variation-Applied";

    /// <summary>The exact JSON pointers removed and added; the journal keeps them with the response.</summary>
    public const string VariationPointersHeader = "X-Mock-Variation-Pointers";

    /// <summary>In sweep mode, how many single-field variants the answer has.</summary>
    public const string VariationVariantsHeader = "X-Mock-Variation-Variants";

    private const int WrittenCacheLimit = 20_000;

    // A variation template is several times the size of its answer: fewer of them are kept.
    private const int TemplateCacheLimit = 2_000;

    private readonly MockServerOptions _options;
    private readonly IReadOnlyDictionary<string, Scenario> _scenarios;
    private readonly Router _router;
    private readonly Authenticator _authenticator;
    private readonly OAuthEndpoints _oauth;
    private readonly ParameterReader _parameters;
    private readonly RequestBodyReader _bodies;
    private readonly ResourceHandler _resources;
    private readonly ScopeFilter _filter;
    private readonly Action<string>? _log;

    // Deterministic answers, serialized (or prepared for variation) once per (resource, state version,
    // scope signature, client base URL); variation headers parsed once, as a client repeats its own.
    private readonly ConcurrentDictionary<string, byte[]> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VariationTemplate> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _baseUrls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (VariationSettings? Settings, string? Error)> _variationHeaders = new(StringComparer.Ordinal);
    private readonly string _seedText;

    public RequestPipeline(ApiDocument document, MockServerOptions options, ResourceStore store, Action<string>? log = null)
    {
        _scenarios = ScenarioCatalog.Load(options.ScenarioDirectory);
        if (options.Scenario is not null && !_scenarios.ContainsKey(options.Scenario))
        {
            throw new ArgumentException($"unknown scenario '{options.Scenario}'; known: {string.Join(", ", _scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        _options = options;
        _seedText = options.Seed.ToString(CultureInfo.InvariantCulture);
        Document = document;
        World = new FleetWorld(document, new WorldOptions { Seed = options.Seed, Size = options.WorldSize });
        Tokens = new TokenService(options.Security);
        _router = new Router(document);
        States = new ProviderStateHandler(World, store, ProviderStateCatalog.Load(options.ProviderStatesFile));
        Events = new EventHub(World, store, _scenarios, () => States.Active.Scenario ?? options.Scenario, options.Events, log); // webhooks
        _authenticator = new Authenticator(document, Tokens, () => States.Active);
        _oauth = new OAuthEndpoints(document, Tokens);
        _parameters = new ParameterReader(document);
        _bodies = new RequestBodyReader(document);
        Store = store;
        _resources = new ResourceHandler(new ResourceRenderer(World), store, _parameters);
        _filter = new ScopeFilter(document);
        Variation = options.Variation;
        _log = log;
        Faults = options.Faults;
    }

    public ApiDocument Document { get; }

    public FleetWorld World { get; }

    public TokenService Tokens { get; }

    public ResourceStore Store { get; }

    /// <summary>Pact provider states: set up and torn down through <c>/__mock/states</c>.</summary>
    public ProviderStateHandler States { get; }

    /// <summary>Webhooks: the events remotes and monitors raise, their queue, sender and journal.</summary>
    public EventHub Events { get; }

    /// <summary>Variation applied to every answer unless a request asks otherwise (changed at runtime through the admin endpoint).</summary>
    public VariationSettings? Variation { get; set; }

    /// <summary>Faults injected into API answers at random (changed at runtime through the admin endpoint).</summary>
    public FaultPlan? Faults { get; set; }

    public async Task<MockResponse> HandleAsync(MockRequest request)
    {
        try
        {
            var response = _options.Interceptor is { } intercept ? await intercept(request, HandleCoreAsync) : await HandleCoreAsync(request);
            if (response.Notes.TryGetValue("error", out var error))
            {
                _log?.Invoke($"{request.Method} {request.Path}: {response.Status} {error}");
            }

            return response;
        }
        catch (Exception ex)
        {
            var response = ErrorBodies.Create(500, "INTERNAL_ERROR", "the mock could not answer this request");
            _log?.Invoke($"{request.Method} {request.Path}: 500 {response.Notes["error"]} {ex}");
            return response;
        }
    }

    private async Task<MockResponse> HandleCoreAsync(MockRequest request)
    {
        if (_oauth.Handle(request) is { } oauth)
        {
            return oauth;
        }

        var relative = _router.Relative(request.Path);
        if (relative is null)
        {
            return ErrorBodies.NotFound($"no operation at {ParameterReader.Printable(request.Path)}; the API is under {_router.BasePath}");
        }

        var route = _router.Route(request.Method, relative);
        if (route.IsMethodNotAllowed)
        {
            return ErrorBodies.Create(405, "METHOD_NOT_ALLOWED", $"{ParameterReader.Printable(request.Method)} is not allowed here; use {string.Join(", ", route.AllowedMethods)}")
                .WithHeader("Allow", string.Join(", ", route.AllowedMethods));
        }

        if (route.Match is not { } match)
        {
            return ErrorBodies.NotFound($"no operation at {ParameterReader.Printable(request.Path)}");
        }

        var access = await _authenticator.DecideAsync(match.Operation, request);
        if (access.Refusal is not null)
        {
            return access.Refusal;
        }

        if (await FaultAsync(match.Operation, request) is { } fault)
        {
            return fault;
        }

        if (_parameters.Validate(match.Operation, request, match.Address.Values) is { } invalid)
        {
            return invalid;
        }

        var (body, bodyError) = _bodies.Read(match.Operation, request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var scenarioName = request.Header(ScenarioHeader) ?? States.Active.Scenario ?? _options.Scenario;
        Scenario? scenario = null;
        if (scenarioName is not null && !_scenarios.TryGetValue(scenarioName, out scenario))
        {
            return ErrorBodies.BadRequest($"{ScenarioHeader} '{ParameterReader.Printable(scenarioName)}' is not a scenario; known: {string.Join(", ", _scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        var variation = Variation;
        if (request.Header(VariationHeader) is { } asked)
        {
            (variation, var variationError) = Bounded(_variationHeaders).GetOrAdd(asked, VariationSettings.Parse);
            if (variation is null)
            {
                return ErrorBodies.BadRequest($"{VariationHeader}: {variationError}");
            }
        }

        if (Events.Refuse(request) is { } eventRefusal) // webhooks: malformed event headers, refused before anything is created
        {
            return eventRefusal;
        }

        var result = _resources.Handle(match, request, body, scenario);
        await Events.ObserveAsync(match.Operation, match.Address, request, body, scenario, result.Status, result.Location); // webhooks: what the request raises
        return result.Error ?? Write(result, match.Operation, access.Scopes, request, variation is { IsOff: false } ? variation : null);
    }

    /// <summary>Whether to drop this connection: asked by header, or drawn from a global plan with <c>reset</c>.</summary>
    public bool ShouldReset(string? faultHeader)
    {
        if (!string.IsNullOrEmpty(faultHeader))
        {
            return FaultPlan.Parse(faultHeader).Plan is { Reset: true };
        }

        return Faults is { Reset: true } global && Random.Shared.NextDouble() < global.Probability;
    }

    /// <summary>A fault asked for by header, or drawn from the global plan; null when none applies.</summary>
    private async Task<MockResponse?> FaultAsync(Operation operation, MockRequest request)
    {
        FaultPlan? plan;
        if (request.Header(FaultHeader) is { } asked)
        {
            (plan, var error) = FaultPlan.Parse(asked);
            if (plan is null)
            {
                return ErrorBodies.BadRequest($"{FaultHeader}: {error}");
            }
        }
        else
        {
            plan = Faults is { } global && Random.Shared.NextDouble() < global.Probability ? global : null;
        }

        if (plan is null)
        {
            return null;
        }

        if (plan.Delay is { } delay)
        {
            await Task.Delay(delay);
        }

        if (plan.Reset && plan.Status is null)
        {
            return null; // dropped ahead of WireMock (see ShouldReset); nothing to answer
        }

        if (plan.Status is { } status)
        {
            var name = status switch
            {
                500 => "INTERNAL_ERROR",
                501 => "NOT_IMPLEMENTED",
                502 => "BAD_GATEWAY",
                503 => "SERVICE_UNAVAILABLE",
                504 => "GATEWAY_TIMEOUT",
                429 => "TOO_MANY_REQUESTS",
                _ => "INJECTED_FAULT",
            };
            var documented = operation.ResponseFor(status) is not null ? "documented" : "undocumented";
            return ErrorBodies.Create(status, name, $"fault injected on request ({documented} status for {operation.Id})")
                .WithHeader(FaultAppliedHeader, plan.ToString());
        }

        return null; // a delay alone: the request goes on normally
    }

    private MockResponse Write(ResourceResult result, Operation operation, ScopeSet? granted, MockRequest request, VariationSettings? variation)
    {
        var response = new MockResponse(result.Status);
        response.WithHeader("X-Mock-Seed", _seedText);
        var baseUrl = BaseUrl(request) + _router.BasePath;
        if (result.Location is not null)
        {
            response.WithHeader("Location", baseUrl + result.Location);
        }

        if (result.Status == 204 || result.Media is null || result.Body is null)
        {
            return response;
        }

        response.ContentType = result.Media.Name;
        var filter = granted is null ? string.Empty : _filter.Signature(operation, granted);
        JsonNode? Render()
        {
            var body = result.Body();
            if (granted is not null && result.Media.Schema is { } schema)
            {
                _filter.Apply(body, schema, operation, granted);
            }

            return body;
        }

        if (variation is not null && result.Media.Schema is { } variedSchema)
        {
            // Varied answers are not cached, but what they vary is: the filtered body, prepared once.
            var template = result.CacheKey is null
                ? VariationTemplate.Prepare(Document, Render(), variedSchema, baseUrl)
                : Bounded(_templates, TemplateCacheLimit).GetOrAdd($"{result.CacheKey}|{filter}|{baseUrl}", _ => VariationTemplate.Prepare(Document, Render(), variedSchema, baseUrl));
            var seed = variation.Seed ?? variation.Sweep ?? Random.Shared.Next(); // a sweep variant is the same on every request
            var (varied, report) = VariationPass.Vary(template, variation, seed);
            if (varied is null)
            {
                return ErrorBodies.BadRequest($"{VariationHeader}: sweep={report.Sweep} is beyond the {report.Variants} single-field variants of this answer (0 to {report.Variants - 1})")
                    .WithHeader(VariationVariantsHeader, template.Variants.ToString(CultureInfo.InvariantCulture));
            }

            response.WithHeader(VariationAppliedHeader, report.Summary);
            response.WithHeader(VariationPointersHeader, report.Pointers);
            if (report.Variants is { } variants)
            {
                response.WithHeader(VariationVariantsHeader, variants.ToString(CultureInfo.InvariantCulture));
            }

            response.Body = varied;
            return response;
        }

        response.Body = result.CacheKey is null
            ? JsonBody.Serialize(Render(), baseUrl)
            : Bounded(_written).GetOrAdd($"{result.CacheKey}|{filter}|{baseUrl}", _ => JsonBody.Serialize(Render(), baseUrl));
        return response;
    }

    private static ConcurrentDictionary<string, TValue> Bounded<TValue>(ConcurrentDictionary<string, TValue> cache, int limit = WrittenCacheLimit)
    {
        if (cache.Count > limit)
        {
            cache.Clear();
        }

        return cache;
    }

    /// <summary>Scheme, host and port of the request for links; the server's own URL when the Host header is unusable.</summary>
    private string BaseUrl(MockRequest request) => Bounded(_baseUrls).GetOrAdd(request.BaseUrl, candidate =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && !candidate.Contains('"', StringComparison.Ordinal) && !candidate.Contains('\\', StringComparison.Ordinal)
            ? uri.GetLeftPart(UriPartial.Authority)
            : _options.PublicUrl ?? "http://localhost");
}
