using System.Diagnostics;

namespace ConnectedCarMock.Conformance.Webhooks;

internal static partial class WebhookRunner
{
    /// <summary>One run's cases, built kind by kind as the answers come.</summary>
    private sealed class Run(WebhookOptions options, ReceiverClient client, WebhookMessages messages, IProgress<ConformanceProgress>? progress, int total)
    {
        // Effects of a receiver that processes in the background may show a little after its answer.
        private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

        public List<CaseResult> Cases { get; } = [];

        public async Task KindAsync(MessageCase kind, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var before = await client.EffectsAsync(cancellationToken);
            var valid = await client.PostAsync(messages.Plain(kind, "valid"), cancellationToken);
            var after = await EffectsAfterAsync(before, cancellationToken);
            var variants = new List<Answer>();
            foreach (var variant in messages.Variants(kind))
            {
                variants.Add(await client.PostAsync(variant, cancellationToken));
            }

            var enums = new List<Answer>();
            foreach (var variant in messages.UnknownEnums(kind))
            {
                enums.Add(await client.PostAsync(variant, cancellationToken));
            }

            var duplicate = messages.Plain(kind, "duplicate") with { Label = "first delivery" };
            var first = await client.PostAsync(duplicate, cancellationToken);
            var between = await EffectsAfterAsync(null, cancellationToken);
            var second = await client.PostAsync(duplicate with { Label = "second delivery (same id, same bytes)" }, cancellationToken);
            var last = await EffectsAfterAsync(between, cancellationToken);
            var elapsed = clock.Elapsed;

            Add(kind.Name, WebhookChecks.Valid, [valid], a => a.IsSuccess, "answered 2xx", elapsed);
            Add(kind.Name, WebhookChecks.Tolerant, variants, a => a.IsSuccess, $"all {variants.Count} variants answered 2xx", elapsed);
            Add(kind.Name, WebhookChecks.UnknownEnum, enums, a => a.Status is < 500, "no 5xx", elapsed);
            Add(kind.Name, WebhookChecks.Duplicate, [first, second], a => a.IsSuccess, "both deliveries answered 2xx", elapsed);
            AddEffect(kind.Name, WebhookChecks.Idempotent, [first, second], between is null ? null : between == last, "the duplicate changed nothing", "the duplicate changed what --effects-url shows: the message was processed twice", elapsed);
            if (kind.IsResult)
            {
                AddEffect(kind.Name, WebhookChecks.Effect, [valid], before is null ? null : before != after, "processing shows at --effects-url", $"a valid {kind.Name} message, answered {valid.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}, changed nothing at --effects-url", elapsed);
            }

            Add(kind.Name, WebhookChecks.Timely, [valid, .. variants, .. enums, first, second], a => !a.TimedOut, $"every answer within {options.Timeout.TotalSeconds:0.###} s", elapsed);
        }

        public async Task MalformedAsync(CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var answers = new List<Answer>();
            foreach (var bad in messages.Malformed())
            {
                answers.Add(await client.PostAsync(bad, cancellationToken));
            }

            Add(MalformedKind, WebhookChecks.Malformed, answers, a => a.Status is < 500, "no 5xx, no dropped connection", clock.Elapsed);
            Add(MalformedKind, WebhookChecks.Timely, answers, a => !a.TimedOut, $"every answer within {options.Timeout.TotalSeconds:0.###} s", clock.Elapsed);
        }

        private async Task<string?> EffectsAfterAsync(string? before, CancellationToken cancellationToken)
        {
            var effects = await client.EffectsAsync(cancellationToken);
            for (var waited = TimeSpan.Zero; effects is not null && effects == before && waited < Settle; waited += TimeSpan.FromMilliseconds(50))
            {
                await Task.Delay(50, cancellationToken);
                effects = await client.EffectsAsync(cancellationToken);
            }

            return effects;
        }

        private void Add(string kind, string check, IReadOnlyList<Answer> answers, Func<Answer, bool> passes, string passed, TimeSpan duration)
        {
            var failing = answers.Where(a => !passes(a)).ToList();
            var failures = failing.Select(a => $"{a.Sent.Label}: {(a.Status is { } status ? $"answered {status}" : a.Error)}").ToList();
            var outcome = failing.Count == 0 ? CaseOutcome.Passed
                : check != WebhookChecks.Timely && failing.All(a => a.TimedOut) ? CaseOutcome.Error
                : CaseOutcome.Failed;
            Report(Result(kind, check, outcome, failing.Count == 0 ? passed : $"{failing.Count} of {answers.Count}: {failures[0]}", failing.Concat(answers.Except(failing).Take(3)), duration) with { Failures = failures });
        }

        private void AddEffect(string kind, string check, IReadOnlyList<Answer> answers, bool? holds, string passed, string failed, TimeSpan duration) =>
            Report(Result(
                kind,
                check,
                holds switch { null => CaseOutcome.Skipped, true => CaseOutcome.Passed, false => CaseOutcome.Failed },
                holds switch { null => "no --effects-url: an answer alone cannot show it", true => passed, false => failed },
                answers,
                duration));

        private CaseResult Result(string kind, string check, CaseOutcome outcome, string message, IEnumerable<Answer> shown, TimeSpan duration) => new()
        {
            OperationId = kind,
            Method = "POST",
            Path = options.Target,
            Tags = [kind.Split('.')[0]],
            CheckId = check,
            Outcome = outcome,
            Message = message,
            Exchanges = shown.Select(a => a.ToExchange(options.Target)).ToList(),
            Duration = duration,
        };

        private void Report(CaseResult result)
        {
            Cases.Add(result);
            progress?.Report(new ConformanceProgress(Cases.Count, total, result));
        }
    }
}
