using System.Diagnostics;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Webhooks;

/// <summary>
/// Checks a client's webhook receiver the way the platform would use it: every message kind (remote
/// pending, done with each outcome, monitor firing and reminder) valid, in every single-field
/// variant and with unknown enum values, a duplicate, and malformed bodies; then reads the answers
/// against the documented ones. The report has the shape of <c>run</c>'s (one case per kind × check),
/// so the console, JUnit, JSON and HTML reports are the same.
/// </summary>
internal static partial class WebhookRunner
{
    private const string MalformedKind = "malformed";

    /// <exception cref="ConformanceSetupException">Bad options, or a receiver that cannot be reached at all.</exception>
    public static async Task<ConformanceReport> RunAsync(WebhookOptions options, IProgress<ConformanceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Check(options);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var messages = new WebhookMessages(options.Seed, options.RunId ?? Guid.NewGuid().ToString("N")[..8]);
        using var client = new ReceiverClient(options);
        var run = new Run(options, client, messages, progress, messages.Cases.Sum(k => k.IsResult ? 7 : 6) + 2);

        var probe = await client.PostAsync(messages.Plain(messages.Cases[0], "probe"), cancellationToken);
        if (probe.Status is null && !probe.TimedOut)
        {
            throw new ConformanceSetupException($"cannot reach the receiver at {options.Target}: {probe.Error}");
        }

        foreach (var kind in messages.Cases)
        {
            await run.KindAsync(kind, cancellationToken);
        }

        await run.MalformedAsync(cancellationToken);
        var cases = options.Checks.Count == 0 ? run.Cases : run.Cases.Where(c => options.Checks.Contains(c.CheckId)).ToList();
        return new ConformanceReport
        {
            Target = options.Target,
            SpecSource = NotificationDocument.EmbeddedName,
            SpecTitle = messages.Notification.Title,
            SpecVersion = messages.Notification.Version,
            StartedAt = startedAt,
            Duration = clock.Elapsed,
            Cases = cases,
            Checks = WebhookChecks.All,
        };
    }

    private static void Check(WebhookOptions options)
    {
        foreach (var (name, url) in new[] { ("--target", options.Target), ("--effects-url", options.EffectsUrl) })
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                throw new ConformanceSetupException($"{name} must be an absolute http or https URL, not '{url}'");
            }
        }

        if (options.Checks.FirstOrDefault(c => WebhookChecks.Find(c) is null) is { } unknown)
        {
            throw new ConformanceSetupException($"unknown check '{unknown}'; known: {string.Join(", ", WebhookChecks.All.Select(c => c.Id))}");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ConformanceSetupException("--timeout must be above 0");
        }
    }
}
