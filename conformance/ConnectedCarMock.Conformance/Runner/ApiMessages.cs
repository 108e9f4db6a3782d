using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// A request the runner sends: method, a path under the target (or an absolute URL taken from a
/// link), query pairs, bearer token and body. Checks derive the request they need with <c>with</c>.
/// </summary>
internal sealed record ApiRequest
{
    public required string Method { get; init; }

    /// <summary>Path relative to the target, already escaped (<c>/accounts/vehicles/abc</c>); ignored when <see cref="AbsoluteUrl"/> is set.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>A URL from a HAL link, used as given.</summary>
    public string? AbsoluteUrl { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Bearer token; null sends no credentials at all (an anonymous request).</summary>
    public string? Token { get; init; }

    /// <summary>HTTP Basic and API keys, where the operation takes them (set by <see cref="Authorizer"/>).</summary>
    public StaticCredentials? Credentials { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public ApiRequest WithQuery(string name, string? value)
    {
        var query = Query.Where(p => p.Key != name).ToList();
        if (value is not null)
        {
            query.Add(new(name, value));
        }

        return this with { Query = query };
    }

    public string Url(string target)
    {
        if (AbsoluteUrl is not null)
        {
            return Credentials is { Query.Count: > 0 } keys
                ? AbsoluteUrl + (AbsoluteUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', keys.Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)))
                : AbsoluteUrl;
        }

        var url = new StringBuilder(target).Append(Path);
        var pairs = Credentials is null ? Query : [.. Query, .. Credentials.Query];
        for (var i = 0; i < pairs.Count; i++)
        {
            url.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(pairs[i].Key)).Append('=').Append(Uri.EscapeDataString(pairs[i].Value));
        }

        return url.ToString();
    }
}

/// <summary>An answer, with the body as text and parsed JSON on demand.</summary>
internal sealed class ApiResponse
{
    private readonly Lazy<JsonNode?> _json;

    public ApiResponse(Exchange exchange, int status, string? mediaType, string body, IReadOnlyDictionary<string, string> headers)
    {
        Exchange = exchange;
        Status = status;
        MediaType = mediaType;
        Body = body;
        Headers = headers;
        _json = new Lazy<JsonNode?>(() => Parse(body));
    }

    public Exchange Exchange { get; }

    public int Status { get; }

    /// <summary>The Content-Type without parameters, e.g. <c>application/hal+json</c>.</summary>
    public string? MediaType { get; }

    public string Body { get; }

    /// <summary>Every response and content header, case-insensitive, values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as JSON; null when it is empty or not JSON.</summary>
    public JsonNode? Json => _json.Value;

    public bool IsJson => Json is not null || Body.Trim() == "null";

    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    private static JsonNode? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
