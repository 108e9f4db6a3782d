using System.CommandLine;
using System.Globalization;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary><c>connectedcar-conformance run --target URL</c>: every check on every operation, with reports.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Option<string>("--target", "-t") { Description = "URL the document's paths are appended to, e.g. http://localhost:8080/api/connectedcar/v1.", Required = true };
        var spec = new Option<string?>("--spec") { Description = "OpenAPI document to check against (default: the embedded Connected Car V2 document)." };
        var tokenUrl = new Option<string?>("--token-url") { Description = "OAuth2 token endpoint (client credentials with a scope parameter), e.g. http://localhost:8080/oauth/token." };
        var tokens = new Option<string?>("--tokens") { Description = "JSON file mapping scope sets to tokens: {\"data:vehicle\": \"eyJ...\", \"\": \"token without scopes\", \"*\": \"token with every scope\"}." };
        var clientId = new Option<string>("--client-id") { Description = "client_id sent to the token endpoint.", DefaultValueFactory = _ => ConformanceOptions.DefaultClientId };
        var clientSecret = new Option<string?>("--client-secret") { Description = "client_secret sent to the token endpoint." };
        var basic = new Option<string?>("--basic") { Description = "HTTP Basic credentials USER:PASSWORD, for operations the document secures with Basic (given only --token-url, a placeholder is sent)." };
        var apiKey = new Option<string[]>("--api-key") { Description = "API key as NAME=KEY (NAME: the scheme or its parameter) or KEY for every API-key scheme (repeatable; given only --token-url, a placeholder is sent)." };
        var allowSkips = new Option<bool>("--allow-skips") { Description = "Exit 0 even when more than a tenth of the cases that apply could not run (no id, no credentials)." };
        var check = new Option<string[]>("--check") { Description = "Run only these checks (repeatable or comma-separated; see 'checks')." };
        var skipCheck = new Option<string[]>("--skip-check") { Description = "Do not run these checks (repeatable or comma-separated)." };
        var operation = new Option<string[]>("--operation") { Description = "Check only these operationIds (repeatable or comma-separated)." };
        var parameters = new Option<string[]>("--param") { Description = "Path parameter value to use instead of discovering one, as name=value (repeatable)." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to FILE." };
        var json = new Option<string?>("--json") { Description = "Write a JSON report to FILE." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report to FILE." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each answer.", DefaultValueFactory = _ => 10 };
        var parallel = new Option<int>("--parallel") { Description = "Operations checked at the same time.", DefaultValueFactory = _ => 4 };
        var verbose = new Option<bool>("--verbose") { Description = "Also list every skipped case with its reason." };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 600)
            {
                r.AddError("--timeout must be between 0 and 600 seconds");
            }
        });
        parallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("--parallel must be between 1 and 64");
            }
        });

        var command = new Command("run", "Check an implementation at --target against the document.")
        {
            target, spec, tokenUrl, tokens, clientId, clientSecret, basic, apiKey, allowSkips, check, skipCheck, operation, parameters, junit, json, html, timeout, parallel, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await error.WriteLineAsync($"connectedcar-conformance: --param takes name=value, not '{pair}'");
                    return ConformanceCli.UsageError;
                }

                values[pair[..equals]] = pair[(equals + 1)..];
            }

            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in parse.GetValue(apiKey) ?? [])
            {
                var equals = key.IndexOf('=', StringComparison.Ordinal);
                keys[equals <= 0 ? "*" : key[..equals]] = equals <= 0 ? key : key[(equals + 1)..];
            }

            if (parse.GetValue(basic) is { } credentials && !credentials.Contains(':', StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"connectedcar-conformance: --basic takes USER:PASSWORD");
                return ConformanceCli.UsageError;
            }

            var options = new ConformanceOptions
            {
                Target = parse.GetValue(target)!,
                SpecPath = parse.GetValue(spec),
                TokenUrl = parse.GetValue(tokenUrl),
                TokensFile = parse.GetValue(tokens),
                ClientId = parse.GetValue(clientId)!,
                ClientSecret = parse.GetValue(clientSecret),
                BasicCredentials = parse.GetValue(basic),
                ApiKeys = keys,
                AllowSkips = parse.GetValue(allowSkips),
                Checks = List(parse.GetValue(check)),
                SkipChecks = List(parse.GetValue(skipCheck)),
                Operations = List(parse.GetValue(operation)),
                Parameters = values,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Parallelism = parse.GetValue(parallel),
            };
            var reports = new ReportFiles(parse.GetValue(junit), parse.GetValue(json), parse.GetValue(html));
            return await RunAsync(options, reports, parse.GetValue(verbose), output, error, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(ConformanceOptions options, ReportFiles files, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        ReportAsync(progress => ConformanceRunner.RunAsync(options, progress, cancellationToken), files, verbose, output, error);

    /// <summary>Runs with the console's progress, writes the report files, prints the summary; the exit code (also for <c>webhook</c>).</summary>
    internal static async Task<int> ReportAsync(Func<IProgress<ConformanceProgress>, Task<ConformanceReport>> run, ReportFiles files, bool verbose, TextWriter output, TextWriter error)
    {
        var console = new ConsoleReporter(output);
        ConformanceReport report;
        try
        {
            report = await console.RunAsync(run);
        }
        catch (ConformanceSetupException ex)
        {
            await error.WriteLineAsync($"connectedcar-conformance: {ex.Message}");
            return ConformanceCli.UsageError;
        }

        try
        {
            files.Write(report);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"connectedcar-conformance: cannot write a report: {ex.Message.ReplaceLineEndings(" ")}");
            return ConformanceCli.UsageError;
        }

        console.Summary(report, verbose);
        if (report.NotRun > 0)
        {
            var verdict = !report.TooManyNotRun ? "within the tenth allowed"
                : report.AllowSkips ? "more than a tenth, allowed by --allow-skips"
                : "more than a tenth: the run tested too little to pass (exit 1; --allow-skips accepts it)";
            await output.WriteLineAsync($"{report.NotRun} of {report.Applicable} cases that apply could not run (no id, no credentials): {verdict}");
        }

        foreach (var (kind, path) in files.Written)
        {
            await output.WriteLineAsync($"{kind} report: {path}");
        }

        return report.ExitCode;
    }

    private static List<string> List(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>The report files asked for on the command line.</summary>
    internal sealed record ReportFiles(string? JUnit, string? Json, string? Html)
    {
        public List<(string Kind, string Path)> Written { get; } = [];

        public void Write(ConformanceReport report)
        {
            if (JUnit is not null)
            {
                ReportFormats.SaveJUnit(report, JUnit);
                Written.Add(("JUnit", JUnit));
            }

            if (Json is not null)
            {
                ReportFormats.SaveJson(report, Json);
                Written.Add(("JSON", Json));
            }

            if (Html is not null)
            {
                ReportFormats.SaveHtml(report, Html);
                Written.Add(("HTML", Html));
            }
        }
    }

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
