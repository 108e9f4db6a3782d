namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>An HTTP request as the pipeline sees it, independent of the hosting server.</summary>
internal sealed class MockRequest
{
    public required string Method { get; init; }

    /// <summary>The absolute path, percent-encoded as received, without the query.</summary>
    public required string Path { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; init; } = [];

    /// <summary>Scheme, host and port the client used, e.g. <c>http://localhost:8080</c>.</summary>
    public required string BaseUrl { get; init; }

    public string RawQuery { get; init; } = string.Empty;

    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

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
}
