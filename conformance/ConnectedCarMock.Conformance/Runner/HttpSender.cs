using System.Net.Http.Headers;
using System.Text;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// Sends <see cref="ApiRequest"/>s over one pooled <see cref="HttpClient"/> for the whole run and
/// keeps what reports need: the request line, status, content type, a few headers and a body excerpt.
/// </summary>
internal sealed class HttpSender : IDisposable
{
    public const int ExcerptLength = 300;

    // Headers that explain an answer in a report (challenge, allowed methods, where a creation went).
    private static readonly string[] KeptHeaders = ["WWW-Authenticate", "Allow", "Location"];

    private readonly HttpClient _http;
    private readonly string _target;
    private readonly Func<ApiRequest, ApiRequest> _authorize;

    public HttpSender(string target, TimeSpan timeout, int parallelism, Func<ApiRequest, ApiRequest>? authorize = null)
    {
        _target = target;
        _authorize = authorize ?? (r => r);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = timeout,
            MaxConnectionsPerServer = Math.Max(4, parallelism * 2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
        };
        _http = new HttpClient(handler) { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("connectedcar-conformance/1.0");
    }

    public HttpClient Client => _http;

    public string Target => _target;

    /// <exception cref="HttpRequestException">No connection, or it dropped.</exception>
    /// <exception cref="TimeoutException">No answer within the timeout.</exception>
    public async Task<ApiResponse> SendAsync(ApiRequest request, string label, CancellationToken cancellationToken)
    {
        request = _authorize(request);
        var url = request.Url(_target);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        if (request.Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + request.Token);
        }

        foreach (var (name, value) in request.Credentials?.Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Credentials is { Cookies.Count: > 0 } credentials)
        {
            message.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", credentials.Cookies.Select(c => $"{c.Key}={Uri.EscapeDataString(c.Value)}")));
        }

        message.Headers.Accept.ParseAdd("application/hal+json, application/json;q=0.9, */*;q=0.1");
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {_http.Timeout.TotalSeconds:0.#} s: {request.Method} {url}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var kept = KeptHeaders.Where(headers.ContainsKey).ToDictionary(h => h, h => headers[h], StringComparer.OrdinalIgnoreCase);
            var status = (int)response.StatusCode;
            var exchange = new Exchange(label, request.Method, url, status, response.Content.Headers.ContentType?.ToString(), Excerpt(body), kept);
            return new ApiResponse(exchange, status, mediaType, body, headers);
        }
    }

    /// <summary>The first characters of a body on one line, for reports.</summary>
    public static string Excerpt(string body)
    {
        var flat = string.Join(' ', body.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength] + "…";
    }

    public void Dispose() => _http.Dispose();
}
