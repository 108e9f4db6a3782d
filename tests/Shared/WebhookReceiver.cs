using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnectedCarMock.Tests;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public int Status { get; set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real HTTP receiver on loopback (HttpListener, any test project can use it) that records every
/// request and answers what its handler says: a webhook receiver under test, correct or not.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ReceivedRequest, Task<(int Status, string? Body)>> _handler;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(HttpListener listener, int port, Func<ReceivedRequest, Task<(int Status, string? Body)>> handler)
    {
        _listener = listener;
        _handler = handler;
        Port = port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The webhook URL to register: <c>http://127.0.0.1:PORT/hooks</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public IReadOnlyList<ReceivedRequest> Received => _received.ToList();

    /// <summary>Cancelled when the receiver stops: a hanging handler waits on it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts on a free loopback port; the handler returns the status to answer (201 by default).</summary>
    public static WebhookReceiver Start(Func<ReceivedRequest, Task<int>>? handler = null) =>
        Start(async request => (await (handler ?? (_ => Task.FromResult(201)))(request), (string?)null));

    /// <summary>Starts on a free loopback port; the handler returns the status and body to answer.</summary>
    public static WebhookReceiver Start(Func<ReceivedRequest, Task<(int Status, string? Body)>> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, port, handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // another process took the port in between: try another
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived (answered or not).</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_received.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the receiver got {_received.Count} of {count} requests");
            }
        }

        return Received;
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // closing the listener ends the loop
        }

        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? string.Empty, context.Request.Url?.Query ?? string.Empty, headers, body, DateTimeOffset.UtcNow);
        _received.Enqueue(request);
        _arrived.Release();
        int status;
        string? answer;
        try
        {
            (status, answer) = await _handler(request);
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
            return;
        }
        catch (Exception)
        {
            (status, answer) = (500, null);
        }

        request.Status = status;
        try
        {
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer ?? string.Empty);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the client went away
        }
    }
}
