using System.Net;
using System.Net.Sockets;

namespace ConnectedCarMock.Conformance.Tests.Gateway;

/// <summary>
/// A small reverse proxy, as a gateway in front of an implementation: the API under another base path on another
/// port, requests passed on as they came, answers passed back untouched, so the implementation's links keep its
/// own host and base path.
/// </summary>
internal sealed class ReverseProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly string _upstreamBase;
    private readonly Task _loop;

    private ReverseProxy(int port, string basePath, string upstreamBase)
    {
        Port = port;
        BasePath = basePath;
        _upstreamBase = upstreamBase.TrimEnd('/');
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BasePath { get; }

    /// <summary>The URL the API has behind the proxy.</summary>
    public string ApiUrl => $"http://127.0.0.1:{Port}{BasePath}";

    /// <summary>Requests passed on.</summary>
    public int Forwarded => _forwarded;

    private int _forwarded;

    /// <param name="upstreamApi">The implementation's API URL: what <paramref name="basePath"/> stands for.</param>
    public static ReverseProxy Start(string basePath, string upstreamApi)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ReverseProxy(port, basePath, upstreamApi);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var incoming = context.Request;
        var path = incoming.Url!.AbsolutePath.StartsWith(BasePath, StringComparison.Ordinal) ? incoming.RawUrl![BasePath.Length..] : incoming.RawUrl!;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), _upstreamBase + path);
        if (incoming.HasEntityBody)
        {
            using var buffer = new MemoryStream();
            await incoming.InputStream.CopyToAsync(buffer);
            request.Content = new ByteArrayContent(buffer.ToArray());
        }

        foreach (var name in incoming.Headers.AllKeys.OfType<string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = incoming.Headers[name]!;
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        Interlocked.Increment(ref _forwarded);
        var outgoing = context.Response;
        try
        {
            using var response = await _upstream.SendAsync(request);
            outgoing.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    outgoing.Headers.Add(name, string.Join(", ", values));
                }
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            outgoing.ContentLength64 = body.Length;
            await outgoing.OutputStream.WriteAsync(body);
        }
        catch (HttpRequestException)
        {
            outgoing.StatusCode = 502;
        }
        finally
        {
            outgoing.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
