using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ConnectedCarMock.Conformance.Webhooks;

/// <summary>What one post got: the status (null when no answer came), the error, and how long it took.</summary>
internal sealed record Answer(Outgoing Sent, int? Status, string? Error, TimeSpan Latency, string BodyExcerpt)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool TimedOut => Error?.StartsWith("no answer within", StringComparison.Ordinal) == true;

    public Exchange ToExchange(string target) =>
        new(Sent.Label, "POST", target, Status, null, Error ?? BodyExcerpt, new Dictionary<string, string> { ["X-Message-Id"] = Sent.MessageId });
}

/// <summary>Posts messages to the receiver as the platform does, and reads its effects endpoint.</summary>
internal sealed class ReceiverClient(WebhookOptions options) : IDisposable
{
    private const int ExcerptLength = 300;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public async Task<Answer> PostAsync(Outgoing message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Target) { Content = new ByteArrayContent(message.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
        request.Headers.TryAddWithoutValidation("X-Message-Id", message.MessageId);
        request.Headers.TryAddWithoutValidation("X-Delivery-Attempt", "1");
        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, limit.Token);
            var text = await response.Content.ReadAsStringAsync(limit.Token);
            return new Answer(message, (int)response.StatusCode, null, clock.Elapsed, text.Length > ExcerptLength ? text[..ExcerptLength] + "…" : text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(message, null, $"no answer within {options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", clock.Elapsed, string.Empty);
        }
        catch (HttpRequestException ex)
        {
            return new Answer(message, null, $"no answer: {ex.Message.ReplaceLineEndings(" ")}", clock.Elapsed, string.Empty);
        }
    }

    /// <summary>What the receiver shows it processed; null when there is no effects URL.</summary>
    public async Task<string?> EffectsAsync(CancellationToken cancellationToken)
    {
        if (options.EffectsUrl is null)
        {
            return null;
        }

        try
        {
            using var response = await _http.GetAsync(options.EffectsUrl, cancellationToken);
            return $"{(int)response.StatusCode} {Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken))}";
        }
        catch (HttpRequestException ex)
        {
            throw new ConformanceSetupException($"--effects-url {options.EffectsUrl} cannot be read: {ex.Message}", ex);
        }
    }

    public void Dispose() => _http.Dispose();
}
