using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using ConnectedCarMock.Pact;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary>
/// <c>connectedcar-conformance pact check-spec</c> (a pact against the OpenAPI document) and
/// <c>pact verify</c> (a pact replayed against a provider on the Pact engine). Exit codes as <c>run</c>.
/// </summary>
internal static class PactCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("pact", "Check consumer pacts against the OpenAPI document, and verify them against a provider.");
        command.Subcommands.Add(CheckSpec(output, error));
        command.Subcommands.Add(Verify(output, error));
        return command;
    }

    private static Command CheckSpec(TextWriter output, TextWriter error)
    {
        var pact = new Option<string>("--pact") { Description = "Pact file (V2, V3 or V4).", Required = true };
        var spec = new Option<string?>("--spec") { Description = "OpenAPI document (default: the embedded Connected Car V2 document)." };
        var command = new Command("check-spec", "Check every interaction of a pact against the document: paths, methods, parameters, bodies, statuses, media types, and properties the schema does not promise.") { pact, spec };
        command.SetAction(parse =>
        {
            if (Load(parse.GetValue(spec), error) is not { } document)
            {
                return ConformanceCli.UsageError;
            }

            IReadOnlyList<PactMismatch> mismatches;
            try
            {
                mismatches = PactSpecChecker.CheckFile(parse.GetValue(pact)!, document);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or JsonException)
            {
                error.WriteLine($"connectedcar-conformance: {parse.GetValue(pact)}: {OneLine(ex.Message)}");
                return ConformanceCli.UsageError;
            }

            foreach (var mismatch in mismatches)
            {
                output.WriteLine(mismatch);
            }

            output.WriteLine(mismatches.Count == 0 ? $"{parse.GetValue(pact)}: every interaction matches {document.Source}" : $"{mismatches.Count} mismatch(es) with {document.Source}");
            return mismatches.Count == 0 ? ConformanceCli.Success : ConformanceCli.Failure;
        });
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var pact = new Option<string>("--pact") { Description = "Pact file to replay.", Required = true };
        var target = new Option<string>("--target") { Description = "The provider's API URL, base path included (e.g. http://localhost:8080/api/connectedcar/v1).", Required = true };
        var stateUrl = new Option<string?>("--state-url") { Description = "Provider-state change URL (the mock's is /__mock/states)." };
        var tokenUrl = new Option<string?>("--token-url") { Description = "OAuth2 token endpoint: a client-credentials token with the scopes the pact's operations need replaces the pact's Authorization header." };
        var clientId = new Option<string>("--client-id") { Description = "Client id for --token-url.", DefaultValueFactory = _ => "connectedcar-conformance" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Client secret for --token-url." };
        var headers = new Option<string[]>("--header") { Description = "Header sent with every request, e.g. 'Authorization: Bearer ...' (repeatable)." };
        var spec = new Option<string?>("--spec") { Description = "OpenAPI document, for the scopes --token-url asks for (default: embedded)." };
        var junit = new Option<string?>("--junit") { Description = "Write the verification as JUnit XML." };
        var command = new Command("verify", "Replay a pact against a provider with the Pact engine's verifier.") { pact, target, stateUrl, tokenUrl, clientId, clientSecret, headers, spec, junit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var pactFile = parse.GetValue(pact)!;
            var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in parse.GetValue(headers) ?? [])
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    await error.WriteLineAsync($"connectedcar-conformance: --header '{header}' is not 'Name: value'");
                    return ConformanceCli.UsageError;
                }

                given[header[..colon].Trim()] = header[(colon + 1)..].Trim();
            }

            Func<CancellationToken, Task<string>>? tokens = null;
            if (parse.GetValue(tokenUrl) is { } url)
            {
                if (Load(parse.GetValue(spec), error) is not { } document)
                {
                    return ConformanceCli.UsageError;
                }

                var scopes = PactSpecChecker.ScopesFor(await File.ReadAllTextAsync(pactFile, cancellationToken), document);
                tokens = ct => TokenAsync(url, parse.GetValue(clientId)!, parse.GetValue(clientSecret), scopes, ct);
            }

            PactVerificationResult result;
            try
            {
                result = await PactVerifier.VerifyAsync(new PactVerificationOptions
                {
                    PactFile = pactFile,
                    Target = new Uri(parse.GetValue(target)!),
                    StateChangeUrl = parse.GetValue(stateUrl) is { } state ? new Uri(state) : null,
                    Headers = given,
                    AccessTokenProvider = tokens,
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FormatException or DllNotFoundException or UriFormatException or HttpRequestException or InvalidOperationException)
            {
                await error.WriteLineAsync($"connectedcar-conformance: {OneLine(ex.Message)}");
                return ConformanceCli.UsageError;
            }

            if (parse.GetValue(junit) is { } junitFile)
            {
                result.WriteJUnit(junitFile);
            }

            // The engine has printed its own report; one summary line is enough here.
            await output.WriteLineAsync($"{result.Interactions.Count(i => i.Passed)} of {result.Interactions.Count} interactions verified{(result.Errors.Count > 0 ? $", {result.Errors.Count} error(s): {string.Join("; ", result.Errors)}" : string.Empty)}");
            return result.Passed ? ConformanceCli.Success : ConformanceCli.Failure;
        });
        return command;
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

    private static ApiDocument? Load(string? spec, TextWriter error)
    {
        try
        {
            return spec is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(spec);
        }
        catch (SpecLoadException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
