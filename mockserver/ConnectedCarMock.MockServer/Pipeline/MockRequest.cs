using Microsoft.AspNetCore.Http;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// An HTTP request as the pipeline sees it, independent of the hosting server. On the fast path it reads
/// the live request's headers and parses the query only when a stage asks (<see cref="FromHttp"/>).
/// </summary>
internal sealed class MockRequest
{
    private readonly IHeaderDictionary? _live;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _query;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _headers;

    public MockRequest()
    {
    }

    private MockRequest(IHeaderDictionary live) => _live = live;

    public required string Method { get; init; }

    /// <summary>The absolute path, percent-encoded as received, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters (parsed from <see cref="RawQuery"/> unless given).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query
    {
        get => _query ??= QueryString.Parse(RawQuery);
        init => _query = value;
    }

    /// <summary>Headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers
    {
        get => _headers ??= Copy(_live);
        init => _headers = value;
    }

    public byte[] Body { get; init; } = [];

    /// <summary>Scheme, host and port the client used, e.g. <c>http://localhost:8080</c>.</summary>
    public required string BaseUrl { get; init; }

    public string RawQuery { get; init; } = string.Empty;

    /// <summary>A request over a live ASP.NET Core request's headers (valid while that request runs).</summary>
    public static MockRequest FromHttp(IHeaderDictionary headers, string method, string path, string rawQuery, string baseUrl, byte[] body) =>
        new(headers) { Method = method, Path = path, RawQuery = rawQuery, BaseUrl = baseUrl, Body = body };

    public string? Header(string name)
    {
        if (_headers is null && _live is not null)
        {
            return _live.TryGetValue(name, out var live) && live.Count > 0 ? live[0] : null;
        }

        return Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
    }

    /// <summary>The values of a query parameter, or null when the request has none.</summary>
    public IReadOnlyList<string>? QueryValues(string name) =>
        RawQuery.Length == 0 && _query is null ? null : Query.TryGetValue(name, out var values) ? values : null;

    /// <summary>A copy with a header set (or removed, when the value is null).</summary>
    public MockRequest WithHeader(string name, string? value)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = [value];
        }

        return Copy(headers: headers);
    }

    /// <summary>A copy with another path (and the same query, headers and body).</summary>
    public MockRequest WithPath(string path) => Copy(path: path);

    private MockRequest Copy(string? path = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null) => new()
    {
        Method = Method,
        Path = path ?? Path,
        Query = Query,
        Headers = headers ?? Headers,
        Body = Body,
        BaseUrl = BaseUrl,
        RawQuery = RawQuery,
    };

    private static Dictionary<string, IReadOnlyList<string>> Copy(IHeaderDictionary? live)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in live ?? new HeaderDictionary())
        {
            headers[name] = values.ToArray()!;
        }

        return headers;
    }
}
