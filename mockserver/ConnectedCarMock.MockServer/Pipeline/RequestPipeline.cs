using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// One request through the mock: match operation → validate request → resolve resource in the
/// world → generate body → serialize with the document's media type. Each stage is its own
/// type; the pipeline only sequences them. Nothing in here may throw to the server.
/// </summary>
internal sealed class RequestPipeline
{
    // Relaxed escaping keeps "Citroën" readable; the body is JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MockServerOptions _options;
    private readonly Router _router;
    private readonly ParameterReader _parameters;
    private readonly RequestBodyReader _bodies;
    private readonly ResourceHandler _resources;
    private readonly Action<string>? _log;

    // Deterministic answers, serialized once per (resource, state version, client base URL).
    private const int WrittenCacheLimit = 20_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _written = new(StringComparer.Ordinal);

    /// <summary>Selects a scenario for one request, over the server's <c>--scenario</c>.</summary>
    public const string ScenarioHeader = "X-Mock-Scenario";

    private readonly IReadOnlyDictionary<string, Scenario> _scenarios;

    public RequestPipeline(ApiDocument document, MockServerOptions options, ResourceStore store, Action<string>? log = null)
    {
        _scenarios = ScenarioCatalog.Load(options.ScenarioDirectory);
        if (options.Scenario is not null && !_scenarios.ContainsKey(options.Scenario))
        {
            throw new ArgumentException($"unknown scenario '{options.Scenario}'; known: {string.Join(", ", _scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        _options = options;
        Document = document;
        World = new FleetWorld(document, new WorldOptions { Seed = options.Seed, Size = options.WorldSize });
        _router = new Router(document);
        _parameters = new ParameterReader(document);
        _bodies = new RequestBodyReader(document);
        _resources = new ResourceHandler(new ResourceRenderer(World), store, _parameters);
        _log = log;
    }

    public ApiDocument Document { get; }

    public FleetWorld World { get; }

    public MockResponse Handle(MockRequest request)
    {
        try
        {
            var response = HandleCore(request);
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

    private MockResponse HandleCore(MockRequest request)
    {
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

        if (_parameters.Validate(match.Operation, request, match.Address.Values) is { } invalid)
        {
            return invalid;
        }

        var (body, bodyError) = _bodies.Read(match.Operation, request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var scenarioName = request.Header(ScenarioHeader) ?? _options.Scenario;
        Scenario? scenario = null;
        if (scenarioName is not null && !_scenarios.TryGetValue(scenarioName, out scenario))
        {
            return ErrorBodies.BadRequest($"{ScenarioHeader} '{ParameterReader.Printable(scenarioName)}' is not a scenario; known: {string.Join(", ", _scenarios.Keys.Order(StringComparer.Ordinal))}");
        }

        var result = _resources.Handle(match, request, body, scenario);
        if (result.Error is not null)
        {
            return result.Error;
        }

        return Write(result, request);
    }

    private MockResponse Write(ResourceResult result, MockRequest request)
    {
        var response = new MockResponse(result.Status);
        response.WithHeader("X-Mock-Seed", _options.Seed.ToString(CultureInfo.InvariantCulture));
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
        response.Body = result.CacheKey is null
            ? Serialize(result.Body(), baseUrl)
            : _written.GetOrAdd(result.CacheKey + "|" + baseUrl, _ => Serialize(result.Body(), baseUrl));
        if (_written.Count > WrittenCacheLimit)
        {
            _written.Clear();
        }

        return response;
    }

    private static byte[] Serialize(JsonNode? body, string baseUrl)
    {
        var json = body?.ToJsonString(Compact) ?? "null";
        return Encoding.UTF8.GetBytes(json.Replace(HalLinks.BasePlaceholder, baseUrl, StringComparison.Ordinal));
    }

    /// <summary>Scheme, host and port of the request for links; the server's own URL when the Host header is unusable.</summary>
    private string BaseUrl(MockRequest request)
    {
        var candidate = request.BaseUrl;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && !candidate.Contains('"', StringComparison.Ordinal) && !candidate.Contains('\\', StringComparison.Ordinal)
            ? uri.GetLeftPart(UriPartial.Authority)
            : _options.PublicUrl ?? "http://localhost";
    }
}
