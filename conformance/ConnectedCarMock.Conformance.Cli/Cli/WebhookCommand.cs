using System.CommandLine;
using ConnectedCarMock.Conformance.Webhooks;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary><c>connectedcar-conformance webhook --target URL</c>: checks a client's webhook receiver, with the reports of <c>run</c>.</summary>
internal static class WebhookCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Option<string>("--target", "-t") { Description = "The receiver's URL, as registered as a channel's webhook target.", Required = true };
        var effects = new Option<string?>("--effects-url") { Description = "URL whose GET shows what the receiver processed; enables the idempotence and effect checks." };
        var headers = new Option<string[]>("--header", "-H") { Description = "Header sent with every message, as 'Name: value' (repeatable), e.g. the channel's Authorization attribute." };
        var seed = new Option<long>("--seed") { Description = "Seed of the world messages are built from.", DefaultValueFactory = _ => new WebhookOptions { Target = "x" }.Seed };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each answer may take.", DefaultValueFactory = _ => 5 };
        var check = new Option<string[]>("--check") { Description = $"Report only these checks (repeatable or comma-separated): {string.Join(", ", WebhookChecks.All.Select(c => c.Id))}." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to FILE." };
        var json = new Option<string?>("--json") { Description = "Write a JSON report to FILE." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report to FILE." };
        var verbose = new Option<bool>("--verbose") { Description = "Also list every skipped case with its reason." };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 600)
            {
                r.AddError("--timeout must be between 0 and 600 seconds");
            }
        });

        var command = new Command("webhook", "Check a webhook receiver: every message kind valid and varied, a duplicate, malformed bodies.")
        {
            target, effects, headers, seed, timeout, check, junit, json, html, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in parse.GetValue(headers) ?? [])
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    await error.WriteLineAsync($"connectedcar-conformance: --header takes 'Name: value', not '{header}'");
                    return ConformanceCli.UsageError;
                }

                sent[header[..colon].Trim()] = header[(colon + 1)..].Trim();
            }

            var options = new WebhookOptions
            {
                Target = parse.GetValue(target)!,
                EffectsUrl = parse.GetValue(effects),
                Headers = sent,
                Seed = parse.GetValue(seed),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Checks = (parse.GetValue(check) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            };
            var files = new RunCommand.ReportFiles(parse.GetValue(junit), parse.GetValue(json), parse.GetValue(html));
            return await RunCommand.ReportAsync(progress => WebhookRunner.RunAsync(options, progress, cancellationToken), files, parse.GetValue(verbose), output, error);
        });
        return command;
    }
}
