using System.Buffers;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// Between ASP.NET Core and the pipeline on the fast path: reads a request (path as received, raw query,
/// body up to one byte over the limit) and writes an answer straight to the response.
/// </summary>
internal static class HttpExchange
{
    /// <summary>A body longer than this is never read whole: the request stage answers 413.</summary>
    private const int BodyLimit = RequestBodyReader.MaxBodyBytes + 1;

    public static async ValueTask<(MockRequest Request, JournalEntry Entry)> ReadAsync(HttpContext http, BoundedCache<string, string> baseUrls, bool buffer = false)
    {
        var request = http.Request;
        var (path, query) = Target(http);
        var method = request.Method.ToUpperInvariant();
        var host = request.Headers.Host.Count > 0 ? request.Headers.Host[0] ?? string.Empty : string.Empty;
        var baseUrl = baseUrls.GetOrAdd(host, static (h, scheme) => scheme + "://" + h, request.Scheme);
        if (buffer)
        {
            request.EnableBuffering();
        }

        var body = await ReadBodyAsync(http);
        if (buffer)
        {
            request.Body.Position = 0;
        }

        var entry = new JournalEntry
        {
            At = DateTime.UtcNow,
            Method = method,
            Scheme = request.Scheme,
            Host = host,
            RawPath = path,
            RawQuery = query,
            Protocol = request.Protocol,
            Headers = Snapshot(request.Headers),
            Body = body,
            ClientAddress = http.Connection.RemoteIpAddress,
        };
        return (MockRequest.FromHttp(request.Headers, method, path, query, baseUrl, body), entry);
    }

    public static Task WriteAsync(HttpContext http, MockResponse answer)
    {
        var response = http.Response;
        response.StatusCode = answer.Status;
        var headers = response.Headers;
        if (answer.ContentType is { } contentType)
        {
            headers.ContentType = contentType;
        }

        foreach (var (name, value) in answer.Headers)
        {
            headers.Append(name, value);
        }

        headers.ContentLength = answer.Body.Length;
        return answer.Body.Length == 0 ? Task.CompletedTask : response.Body.WriteAsync(answer.Body).AsTask();
    }

    /// <summary>The path exactly as the client sent it (percent-encoded) and the query without its <c>?</c>.</summary>
    private static (string Path, string Query) Target(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            var mark = raw.IndexOf('?', StringComparison.Ordinal);
            return mark < 0 ? (raw, string.Empty) : (raw[..mark], raw[(mark + 1)..]);
        }

        // Absolute-form or asterisk targets: what ASP.NET Core parsed, re-encoded.
        var query = http.Request.QueryString.Value ?? string.Empty;
        return ((http.Request.PathBase + http.Request.Path).ToUriComponent() is { Length: > 0 } path ? path : "/", query.StartsWith('?') ? query[1..] : query);
    }

    private static KeyValuePair<string, StringValues>[] Snapshot(IHeaderDictionary headers)
    {
        var copy = new KeyValuePair<string, StringValues>[headers.Count];
        var i = 0;
        foreach (var header in headers)
        {
            if (i == copy.Length)
            {
                break;
            }

            copy[i++] = header;
        }

        return copy;
    }

    private static async ValueTask<byte[]> ReadBodyAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true))
        {
            return [];
        }

        if (request.ContentLength is { } length)
        {
            var exact = new byte[Math.Min(length, BodyLimit)];
            var read = 0;
            while (read < exact.Length)
            {
                var n = await request.Body.ReadAsync(exact.AsMemory(read));
                if (n == 0)
                {
                    return exact[..read];
                }

                read += n;
            }

            return exact;
        }

        var chunked = new ArrayBufferWriter<byte>(4096);
        while (chunked.WrittenCount < BodyLimit)
        {
            var n = await request.Body.ReadAsync(chunked.GetMemory(4096));
            if (n == 0)
            {
                break;
            }

            chunked.Advance(n);
        }

        return chunked.WrittenSpan[..Math.Min(chunked.WrittenCount, BodyLimit)].ToArray();
    }
}
