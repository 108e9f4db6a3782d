using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// What every case of a run shares: the document, one HTTP client, tokens per scope set, discovered
/// ids, link answers already seen, and the items the run created (deleted again at the end).
/// </summary>
internal sealed class RunSession : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiResponse>>> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(ResourceCollection Collection, IReadOnlyDictionary<string, string> Values)> _created = new();

    public RunSession(ApiDocument document, ConformanceOptions options, string target)
    {
        Document = document;
        Options = options;
        Target = target;
        Hal = new Hal(document, target);
        Access = new Authorizer(document, options);
        Http = new HttpSender(target, options.Timeout, options.Parallelism, request => Access.Apply(request, request.AbsoluteUrl is { } url ? Hal.Relative(url) : request.Path));
        EveryScope = document.AllScopes;
        Tokens = new TokenSource(Http.Client, options, EveryScope);
        Model = new ResourceModel(document);
        Requests = new RequestFactory(document, options);
        Invalid = new InvalidValues(document, Validator);
        Scopes = new ScopeMap(document);
        Discovery = new Discovery(this);
        _declarations = new(() => ItemValues.Declared(document));
    }

    public ApiDocument Document { get; }

    public ConformanceOptions Options { get; }

    /// <summary>The target URL without a trailing slash.</summary>
    public string Target { get; }

    public HttpSender Http { get; }

    public TokenSource Tokens { get; }

    /// <summary>Every scope of the document: the token for requests whose scopes are not the point.</summary>
    public IReadOnlyList<string> EveryScope { get; }

    public ResourceModel Model { get; }

    public RequestFactory Requests { get; }

    public SchemaValidator Validator => Document.Validator;

    public InvalidValues Invalid { get; }

    public Hal Hal { get; }

    public ScopeMap Scopes { get; }

    public Discovery Discovery { get; }

    /// <summary>Lists of the document (GETs answering an array of objects) and the properties their items declare, for discovery.</summary>
    public IReadOnlyList<ItemProperty> Declarations => _declarations.Value;

    private readonly Lazy<IReadOnlyList<ItemProperty>> _declarations;

    /// <summary>The credentials each operation takes.</summary>
    public Authorizer Access { get; }

    /// <summary>The every-scope token, or <see cref="AccessPlan.NoToken"/> where the run has no token source (Basic and API keys still go).</summary>
    public async Task<string> EveryScopeTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Tokens.EveryScopeAsync(cancellationToken);
        }
        catch (TokenUnavailableException ex) when (ex.IsSkip)
        {
            return AccessPlan.NoToken;
        }
    }

    /// <summary>GET of a link with the every-scope token, once per URL for the whole run (links repeat across answers).</summary>
    public Task<ApiResponse> FollowAsync(string url, CancellationToken cancellationToken) =>
        _links.GetOrAdd(url, u => new Lazy<Task<ApiResponse>>(async () =>
        {
            var token = await EveryScopeTokenAsync(cancellationToken);
            return await Http.SendAsync(new ApiRequest { Method = "GET", AbsoluteUrl = u, Token = token }, "follow link", cancellationToken);
        })).Value;

    /// <summary>Remembers an item the run created, to delete it at the end where the document allows.</summary>
    public void Created(ResourceCollection collection, IReadOnlyDictionary<string, string> values)
    {
        if (collection.DeleteOperation is not null)
        {
            _created.Enqueue((collection, values));
        }
    }

    /// <summary>Deletes what the run created (best effort: an item a check already deleted answers 404).</summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await EveryScopeTokenAsync(cancellationToken);
        }
        catch (TokenUnavailableException)
        {
            return;
        }

        var items = _created.ToList();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.Parallelism), CancellationToken = cancellationToken }, async (item, ct) =>
        {
            try
            {
                var request = Requests.Valid(item.Collection.DeleteOperation!, item.Values, token) with { Body = null, ContentType = null };
                await Http.SendAsync(request, "clean up", ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or InvalidOperationException)
            {
                // Clean-up is a courtesy to the target; it never changes the verdict.
            }
        });
    }

    public void Dispose() => Http.Dispose();
}
