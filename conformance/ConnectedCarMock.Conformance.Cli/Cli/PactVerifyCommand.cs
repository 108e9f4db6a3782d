using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnectedCarMock.Pact;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary>
/// <c>connectedcar-conformance pact verify</c>: pacts from files, folders and URLs replayed against a provider
/// on the Pact engine. Exit codes are the official <c>pact verifier</c>'s: 0 when every interaction passed
/// (failures of pending interactions are reported, not fatal), 1 when one failed or a pact could not be loaded
/// or the provider reached, 2 for a usage error.
/// </summary>
internal static class PactVerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var pacts = new Option<string[]>("--pact") { Description = "Pact file to replay (repeatable)." };
        var dirs = new Option<string[]>("--dir") { Description = "Folder whose *.json files are pacts (repeatable)." };
        var urls = new Option<string[]>("--url") { Description = "URL of a pact, fetched with GET (repeatable)." };
        var target = new Option<string?>("--target") { Description = "The provider's API URL, base path included (e.g. http://localhost:8080/api/connectedcar/v1).", Required = true };
        var stateUrl = new Option<string?>("--state-url") { Description = "Provider-state change URL (the mock's is /__mock/states)." };
        var messageUrl = new Option<string?>("--message-url") { Description = "Message provider URL on the target's host, for message interactions (default: the mock's /__mock/messages when --state-url is the mock's /__mock/states)." };
        var noTeardown = new Option<bool>("--no-state-change-teardown") { Description = "Do not POST teardown after each interaction (the official verifier's default)." };
        var tokenUrl = new Option<string?>("--token-url") { Description = "OAuth2 token endpoint: a client-credentials token with the scopes the pacts' operations need replaces Authorization where the pact recorded one." };
        var clientId = new Option<string>("--client-id") { Description = "Client id for --token-url.", DefaultValueFactory = _ => "connectedcar-conformance" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Client secret for --token-url." };
        var headers = new Option<string[]>("--header") { Description = "Header sent with every request, 'Name: value' or 'NAME=VALUE' (repeatable); Authorization replaces only a recorded one." };
        var spec = new Option<string?>("--spec") { Description = "OpenAPI document, for the scopes --token-url asks for (default: embedded)." };
        var junit = new Option<string?>("--junit") { Description = "Write every pact's verification into one JUnit XML file." };
        var publishJunit = new Option<string?>("--publish-junit") { Description = "Write one JUnit XML file per pact into this folder ({consumer}-{provider}.xml)." };
        var description = new Option<string?>("--filter-description") { Description = "Only interactions whose description matches this regular expression." };
        var state = new Option<string?>("--filter-state") { Description = "Only interactions with a provider state matching this regular expression." };
        var consumers = new Option<string[]>("--filter-consumer") { Description = "Only pacts of this consumer (repeatable)." };
        var command = new Command("verify", "Replay pacts against a provider with the Pact engine's verifier.")
        {
            pacts, dirs, urls, target, stateUrl, messageUrl, noTeardown, tokenUrl, clientId, clientSecret, headers, spec, junit, publishJunit, description, state, consumers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Usage(parse, pacts, dirs, urls, headers, (target, stateUrl, messageUrl), description, state) is { } usage)
            {
                await error.WriteLineAsync($"connectedcar-conformance: {usage}");
                return ConformanceCli.UsageError;
            }

            var options = new PactVerificationOptions
            {
                PactFiles = parse.GetValue(pacts) ?? [],
                PactDirectories = parse.GetValue(dirs) ?? [],
                PactUrls = [.. (parse.GetValue(urls) ?? []).Select(u => new Uri(u))],
                Target = new Uri(parse.GetValue(target)!),
                StateChangeUrl = parse.GetValue(stateUrl) is { } s ? new Uri(s) : null,
                MessageProviderUrl = parse.GetValue(messageUrl) is { } m ? new Uri(m) : null,
                StateChangeTeardown = !parse.GetValue(noTeardown),
                Headers = Headers(parse.GetValue(headers) ?? []),
                FilterDescription = parse.GetValue(description),
                FilterState = parse.GetValue(state),
                FilterConsumers = parse.GetValue(consumers) ?? [],
            };
            IReadOnlyList<PactVerificationResult> results;
            try
            {
                if (parse.GetValue(tokenUrl) is { } url)
                {
                    if (PactCommand.Load(parse.GetValue(spec), error) is not { } document)
                    {
                        return ConformanceCli.UsageError;
                    }

                    var texts = await TextsAsync(options, cancellationToken);
                    var scopes = texts.SelectMany(t => PactSpecChecker.ScopesFor(t, document)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    options = options with { AccessTokenProvider = ct => TokenAsync(url, parse.GetValue(clientId)!, parse.GetValue(clientSecret), scopes, ct) };
                }

                results = await PactVerifier.VerifyAllAsync(options, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or JsonException or DllNotFoundException or HttpRequestException or InvalidOperationException or ArgumentException)
            {
                // As the official verifier: a pact that cannot be loaded, or a provider that cannot be reached, fails the verification.
                await error.WriteLineAsync($"connectedcar-conformance: {PactCommand.OneLine(ex.Message)}");
                return ConformanceCli.Failure;
            }

            await ReportAsync(results, output, parse.GetValue(junit), parse.GetValue(publishJunit));
            return results.All(r => r.Passed) ? ConformanceCli.Success : ConformanceCli.Failure;
        });
        return command;
    }

    private static string? Usage(ParseResult parse, Option<string[]> pacts, Option<string[]> dirs, Option<string[]> urls, Option<string[]> headers, (Option<string?> Target, Option<string?> State, Option<string?> Message) provider, Option<string?> description, Option<string?> state)
    {
        if ((parse.GetValue(pacts)?.Length ?? 0) + (parse.GetValue(dirs)?.Length ?? 0) + (parse.GetValue(urls)?.Length ?? 0) == 0)
        {
            return "give at least one pact: --pact FILE, --dir FOLDER or --url URL";
        }

        foreach (var value in new[] { parse.GetValue(provider.Target), parse.GetValue(provider.State), parse.GetValue(provider.Message) }.Concat(parse.GetValue(urls) ?? []).OfType<string>())
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"'{value}' is not an absolute http(s) URL";
            }
        }

        if (parse.GetValue(provider.Message) is { } message && parse.GetValue(provider.Target) is { } target
            && !new Uri(message).Host.Equals(new Uri(target).Host, StringComparison.OrdinalIgnoreCase))
        {
            return $"--message-url {message} must be on the host of --target {target}: the Pact engine sends message requests to the provider's host";
        }

        if ((parse.GetValue(headers) ?? []).FirstOrDefault(h => Split(h) is null) is { } bad)
        {
            return $"--header '{bad}' is not 'Name: value' or 'NAME=VALUE'";
        }

        foreach (var pattern in new[] { parse.GetValue(description), parse.GetValue(state) }.OfType<string>())
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                return $"'{pattern}' is not a regular expression: {ex.Message}";
            }
        }

        return null;
    }

    private static Dictionary<string, string> Headers(IEnumerable<string> given)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in given.Select(Split).OfType<(string, string)>())
        {
            headers[name] = value;
        }

        return headers;
    }

    // "Name: value" (curl's form) or "NAME=VALUE" (the official verifier's).
    private static (string Name, string Value)? Split(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var equals = header.IndexOf('=', StringComparison.Ordinal);
        var at = colon > 0 && (equals < 0 || colon < equals) ? colon : equals;
        return at > 0 ? (header[..at].Trim(), header[(at + 1)..].Trim()) : null;
    }

    private static async Task ReportAsync(IReadOnlyList<PactVerificationResult> results, TextWriter output, string? junit, string? publishJunit)
    {
        foreach (var result in results)
        {
            var pending = result.Interactions.Count(i => !i.Passed && i.Pending);
            await output.WriteLineAsync($"{result.Consumer} -> {result.Provider} ({result.PactFile}): {result.Interactions.Count(i => i.Passed)} of {result.Interactions.Count} interactions verified"
                + (pending > 0 ? $", {pending} pending failure(s), not fatal" : string.Empty)
                + (result.Errors.Count > 0 ? $", {result.Errors.Count} error(s): {string.Join("; ", result.Errors)}" : string.Empty));
            foreach (var failed in result.Failed)
            {
                await output.WriteLineAsync($"  {(failed.Pending ? "pending " : string.Empty)}{failed}");
            }

            if (publishJunit is not null)
            {
                result.WriteJUnit(Path.Combine(publishJunit, $"{Safe(result.Consumer)}-{Safe(result.Provider)}.xml"));
            }
        }

        if (junit is not null)
        {
            PactVerifier.WriteJUnit(results, junit);
        }

        var all = results.SelectMany(r => r.Interactions).ToList();
        var errors = results.Sum(r => r.Errors.Count);
        await output.WriteLineAsync($"{all.Count(i => i.Passed)} of {all.Count} interactions verified in {results.Count} pact(s){(errors > 0 ? $", {errors} error(s)" : string.Empty)}");
    }

    private static string Safe(string name) => string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));

    /// <summary>The texts of the pacts, for the scopes a token must carry (URLs are fetched once more by the verification).</summary>
    private static async Task<IReadOnlyList<string>> TextsAsync(PactVerificationOptions options, CancellationToken cancellationToken)
    {
        var files = options.PactFiles.Concat(options.PactDirectories.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.json")));
        var texts = new List<string>();
        foreach (var file in files)
        {
            texts.Add(await File.ReadAllTextAsync(file, cancellationToken));
        }

        using var http = new HttpClient();
        foreach (var url in options.PactUrls)
        {
            texts.Add(await http.GetStringAsync(url, cancellationToken));
        }

        return texts;
    }

    private static async Task<string> TokenAsync(string url, string clientId, string? secret, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = string.Join(' ', scopes) };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        using var response = await http.PostAsync(url, new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url} refused the token request: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return json.GetProperty("access_token").GetString() ?? throw new InvalidOperationException($"{url} answered no access_token");
    }
}
