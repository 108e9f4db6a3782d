using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// Posts one message to a webhook with the retry policy of <see cref="DeliveryOptions"/>: Polly's
/// HTTP retry (exponential backoff with jitter on timeouts, connection errors, 408, 429 and 5xx;
/// bounded attempts) over a per-attempt timeout. Every attempt is reported with its status or
/// error and its latency. Redirects are not followed and no proxy is used: a message goes to the
/// host it was checked for, and nowhere else.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly DeliveryOptions _options;

    public WebhookSender(DeliveryOptions options, HostPolicy policy)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                options.ConnectionObserver?.Invoke(context.DnsEndPoint);
                if (policy.Refusal(context.DnsEndPoint.Host) is { } refusal)
                {
                    throw new HttpRequestException(refusal);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false, // a receiver's Retry-After cannot stall the queue for an hour
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Sends until delivered, refused or out of attempts; the outcome, and the reason when not delivered.</summary>
    public async Task<(DeliveryOutcome Outcome, string? Reason)> SendAsync(Uri url, IReadOnlyDictionary<string, string> headers, byte[] body, Action<DeliveryAttempt> record, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    var number = Interlocked.Increment(ref attempts);
                    using var request = Request(url, headers, body, number);
                    var startedAt = DateTimeOffset.UtcNow;
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                        record(new DeliveryAttempt(number, startedAt, (int)answer.StatusCode, null, clock.Elapsed.TotalMilliseconds));
                        return answer;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        var error = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                            ? $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s"
                            : Describe(ex);
                        record(new DeliveryAttempt(number, startedAt, null, error, clock.Elapsed.TotalMilliseconds));
                        throw;
                    }
                },
                cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? (DeliveryOutcome.Delivered, null)
                : (DeliveryOutcome.Failed, IsTransient(status)
                    ? $"gave up after {attempts} attempts: the receiver answered {status}"
                    : $"the receiver refused the message with {status} (not retried)");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (DeliveryOutcome.Failed, $"gave up after {attempts} attempts: {(ex is TimeoutRejectedException ? "no answer in time" : Describe(ex))}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(Uri url, IReadOnlyDictionary<string, string> headers, byte[] body, int attempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation(DeliveryHeaders.Attempt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    private static string Describe(Exception ex) =>
        ex.InnerException is SocketException socket ? $"connection failed: {socket.SocketErrorCode}" : ex.Message.ReplaceLineEndings(" ");
}
