using System.Diagnostics;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Provider verification on the official Pact engine: replays every interaction of one or more pacts against
/// a running provider (the mock, a gateway, the real API) and compares the responses with the pacts' expectations.
/// </summary>
public static class PactVerifier
{
    private const string Authorization = "Authorization";

    /// <summary>Verifies the one pact the options name (see <see cref="VerifyAllAsync(PactVerificationOptions, CancellationToken)"/> for several).</summary>
    /// <exception cref="FileNotFoundException">The pact file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a pact.</exception>
    /// <exception cref="DllNotFoundException">The Pact engine is not installed beside the assemblies.</exception>
    public static async Task<PactVerificationResult> VerifyAsync(PactVerificationOptions options, CancellationToken cancellationToken = default)
    {
        var results = await VerifyAllAsync(options, cancellationToken).ConfigureAwait(false);
        return results.Count == 1 ? results[0] : throw new ArgumentException($"The options name {results.Count} pacts: use VerifyAllAsync.", nameof(options));
    }

    /// <summary>Verifies every pact of the options' files, folders and URLs (in that order), one result per pact the consumer filter keeps.</summary>
    /// <exception cref="FileNotFoundException">A pact file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A pact folder does not exist.</exception>
    /// <exception cref="HttpRequestException">A pact URL cannot be fetched.</exception>
    /// <exception cref="FormatException">A source is not a pact.</exception>
    /// <exception cref="DllNotFoundException">The Pact engine is not installed beside the assemblies.</exception>
    public static Task<IReadOnlyList<PactVerificationResult>> VerifyAllAsync(PactVerificationOptions options, CancellationToken cancellationToken = default) =>
        VerifyAllAsync(options, FfiPactDriver.Instance, cancellationToken);

    /// <summary>Writes several verifications into one JUnit XML file: one suite per pact, one test case per interaction.</summary>
    public static void WriteJUnit(IReadOnlyList<PactVerificationResult> results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        PactJUnitWriter.Write(results, path);
    }

    internal static async Task<IReadOnlyList<PactVerificationResult>> VerifyAllAsync(PactVerificationOptions options, IPactDriver driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Target.IsAbsoluteUri || (options.Target.Scheme != Uri.UriSchemeHttp && options.Target.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The target must be an absolute http(s) URL, not '{options.Target}'.", nameof(options));
        }

        var messages = MessageProvider.Resolve(options);
        var sources = await PactSources.LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var documents = sources.Select(s => (Source: s, Document: Parse(s))).ToList();
        var headers = new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase);
        var authorization = options.AccessTokenProvider is { } tokens
            ? "Bearer " + await tokens(cancellationToken).ConfigureAwait(false)
            : headers.GetValueOrDefault(Authorization);
        headers.Remove(Authorization);
        var filter = PactPreparation.Filter(options);
        var results = new List<PactVerificationResult>();
        foreach (var (source, document) in documents)
        {
            if (options.FilterConsumers.Count == 0 || options.FilterConsumers.Contains(document.Consumer, StringComparer.Ordinal))
            {
                results.Add(await VerifyOneAsync(source, document, options with { MessageProviderUrl = messages }, driver, headers, authorization, filter, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    private static async Task<PactVerificationResult> VerifyOneAsync(
        PactSource source, PactDocument document, PactVerificationOptions options, IPactDriver driver,
        IReadOnlyDictionary<string, string> headers, string? authorization, Func<PactEntry, bool> filter, CancellationToken cancellationToken)
    {
        // Without a message provider the engine would post message requests to the API: those are reported, not replayed.
        bool Replayed(PactEntry e) => filter(e) && (options.MessageProviderUrl is not null || !e.IsMessage);
        var prepared = PactPreparation.Prepare(source.Text, document, options.Target.AbsolutePath.TrimEnd('/'), authorization, Replayed);
        var provider = options.ProviderName ?? (document.Provider.Length > 0 ? document.Provider : "provider");
        var clock = Stopwatch.StartNew();
        var (replayed, errors, run) = prepared.Selected.Count == 0
            ? ([], [], new EngineRun(0, string.Empty, "No interaction of this pact passes the filters."))
            : await RunAsync(prepared, provider, options, driver, headers, cancellationToken).ConfigureAwait(false);
        var results = new Queue<PactInteractionResult>(replayed);
        IReadOnlyList<PactInteractionResult> interactions = [.. document.Entries.Where(filter).Select(e => Replayed(e) ? results.Dequeue() : MessageProvider.Unverified(e))];
        return new PactVerificationResult
        {
            Consumer = document.Consumer,
            Provider = provider,
            PactFile = source.Location,
            Target = options.Target,
            Interactions = interactions,
            EngineOutput = run.Output,
            EngineJson = run.Json,
            Errors = errors,
            Duration = clock.Elapsed,
        };
    }

    private static async Task<(IReadOnlyList<PactInteractionResult>, IReadOnlyList<string>, EngineRun)> RunAsync(
        PreparedPact prepared, string provider, PactVerificationOptions options, IPactDriver driver, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"connectedcar-pact-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(copy, prepared.Json, cancellationToken).ConfigureAwait(false);
        try
        {
            var verification = new EngineVerification(copy, provider, options.Target, prepared.ProviderPath, headers,
                options.StateChangeUrl, options.StateChangeTeardown, options.RequestTimeout, options.LogLevel,
                prepared.Selected.Any(e => e.IsMessage) ? options.MessageProviderUrl : null);
            // The engine blocks until every interaction is replayed: keep it off the caller's thread.
            var run = await Task.Run(() => driver.Verify(verification), cancellationToken).ConfigureAwait(false);
            var (interactions, errors) = VerifierJsonReader.Read(run.Json, prepared.Selected);
            interactions = await StateFailureExplainer.ExplainAsync(interactions, prepared.Selected, options.StateChangeUrl, cancellationToken).ConfigureAwait(false);
            interactions = await MessageProvider.ExplainAsync(interactions, prepared.Selected, options.MessageProviderUrl, cancellationToken).ConfigureAwait(false);
            if (run.ExitCode is not (0 or 1))
            {
                errors = [.. errors, $"The Pact verifier failed: {EngineVerifier.Describe(run.ExitCode)}."];
            }
            else if (run.ExitCode == 1 && errors.Count == 0 && interactions.All(i => i.Passed || i.Pending))
            {
                errors = [.. errors, "The Pact verifier reported a failure that no interaction explains; see the engine output."];
            }

            return (interactions, errors, run);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static PactDocument Parse(PactSource source)
    {
        try
        {
            return PactDocument.Parse(source.Text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{source.Location}: {e.Message}", e);
        }
    }
}
