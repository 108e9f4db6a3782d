using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ConnectedCarMock.Fixtures.Variation;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// How the mock delivers event messages: the delays of a remote's <c>Pending</c> and <c>Done</c>
/// messages, the retry policy, where deliveries may go (<c>--webhook-hosts</c>), and the
/// tolerant-reader variation of messages. The defaults look like a real platform (a few hundred
/// milliseconds); tests set the delays to 0.
/// </summary>
public sealed partial record DeliveryOptions
{
    /// <summary>Whether API requests raise events (<c>--events off</c>: a REST-only mock; monitor triggers still work).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>From a remote's creation to its <c>Pending</c> message.</summary>
    public TimeSpan PendingDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>From the end of the <c>Pending</c> delivery to the <c>Done</c> message.</summary>
    public TimeSpan DoneDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Between a monitor's reminders; null: the monitor's own <c>refreshEvent</c> seconds.</summary>
    public TimeSpan? RefreshPeriod { get; init; }

    /// <summary>Attempts per message, the first included (timeouts, connection errors, 408, 429 and 5xx are retried).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Base of the exponential backoff between attempts (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hosts deliveries may go to (<c>--webhook-hosts</c>): names or addresses, <c>*.domain</c> for a
    /// domain's hosts, <c>loopback</c> for this machine. Null: any host a client registered.
    /// Hosts in domains RFC 2606 reserves are never contacted, whatever the list says.
    /// </summary>
    public IReadOnlyList<string>? WebhookHosts { get; init; }

    /// <summary>Variation of every message unless the event asks otherwise (<c>--event-variation</c>); null for none.</summary>
    public VariationSettings? Variation { get; init; }

    /// <summary>Messages sent at the same time.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Deliveries the journal keeps (<c>/__mock/deliveries</c>); the oldest finished ones go first.</summary>
    public int JournalSize { get; init; } = 10_000;

    /// <summary>Test hook: sees every connection the sender opens, before it is opened.</summary>
    internal Action<DnsEndPoint>? ConnectionObserver { get; init; }

    /// <summary>Test hook: wraps the delivery queue (in memory or shared) the server builds, e.g. in one whose claims fail.</summary>
    internal Func<IDeliveryQueue, IDeliveryQueue>? QueueWrapper { get; init; }

    /// <summary>Zero delays and a short backoff: what tests want.</summary>
    public static DeliveryOptions Immediate { get; } = new() { PendingDelay = TimeSpan.Zero, DoneDelay = TimeSpan.Zero, RetryDelay = TimeSpan.FromMilliseconds(20) };

    /// <summary>
    /// Parses <c>pending=300ms; done=500ms; refresh=60s; attempts=5; backoff=200ms; timeout=5s</c>
    /// (any subset, <c>;</c> or <c>,</c> between), <c>immediate</c>, or <c>off</c> (API requests raise no events).
    /// </summary>
    public static (DeliveryOptions? Options, string? Error) Parse(string text, DeliveryOptions? over = null)
    {
        var options = over ?? new DeliveryOptions();
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part is "off" or "on")
            {
                options = options with { Enabled = part == "on" };
                continue;
            }

            if (part == "immediate")
            {
                options = options with { PendingDelay = Immediate.PendingDelay, DoneDelay = Immediate.DoneDelay, RetryDelay = Immediate.RetryDelay };
                continue;
            }

            var match = Setting().Match(part);
            if (!match.Success)
            {
                return (null, $"'{part}' is not pending=, done=, refresh=, backoff=, timeout= (with ms or s), attempts=N, immediate, off or on");
            }

            var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
            var time = match.Groups["unit"].Value == "s" ? TimeSpan.FromSeconds(number) : TimeSpan.FromMilliseconds(number);
            switch (match.Groups["key"].Value)
            {
                case "attempts" when match.Groups["unit"].Value.Length == 0 && number is >= 1 and <= 20:
                    options = options with { MaxAttempts = number };
                    break;
                case "pending" when match.Groups["unit"].Value.Length > 0:
                    options = options with { PendingDelay = time };
                    break;
                case "done" when match.Groups["unit"].Value.Length > 0:
                    options = options with { DoneDelay = time };
                    break;
                case "refresh" when match.Groups["unit"].Value.Length > 0 && time > TimeSpan.Zero:
                    options = options with { RefreshPeriod = time };
                    break;
                case "backoff" when match.Groups["unit"].Value.Length > 0:
                    options = options with { RetryDelay = time };
                    break;
                case "timeout" when match.Groups["unit"].Value.Length > 0 && time > TimeSpan.Zero:
                    options = options with { AttemptTimeout = time };
                    break;
                default:
                    return (null, $"'{part}' has an invalid value (times need ms or s, attempts 1-20, refresh and timeout above 0)");
            }
        }

        return (options, null);
    }

    /// <summary>Parses a comma-separated host list for <see cref="WebhookHosts"/>.</summary>
    public static IReadOnlyList<string> ParseHosts(string text) =>
        text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"^(?<key>pending|done|refresh|attempts|backoff|timeout)=(?<number>\d{1,7})(?<unit>ms|s)?$")]
    private static partial Regex Setting();
}
