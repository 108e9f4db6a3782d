using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Conformance.Pact;

/// <summary>
/// Provider verification on the official Pact engine: replays every interaction of a pact against a running
/// provider (the mock, a gateway, the real API) and compares the responses with the pact's expectations.
/// </summary>
public static class PactVerifier
{
    private const string Authorization = "Authorization";

    /// <exception cref="FileNotFoundException">The pact file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a pact.</exception>
    /// <exception cref="DllNotFoundException">The Pact engine is not installed beside the assemblies.</exception>
    public static async Task<PactVerificationResult> VerifyAsync(PactVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Target.IsAbsoluteUri || (options.Target.Scheme != Uri.UriSchemeHttp && options.Target.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The target must be an absolute http(s) URL, not '{options.Target}'.", nameof(options));
        }

        var text = await File.ReadAllTextAsync(options.PactFile, cancellationToken).ConfigureAwait(false);
        var document = PactDocument.Parse(text);
        var headers = new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase);
        if (options.AccessTokenProvider is { } tokens)
        {
            headers[Authorization] = "Bearer " + await tokens(cancellationToken).ConfigureAwait(false);
        }

        var basePath = options.Target.AbsolutePath.TrimEnd('/');
        var (prepared, providerPath) = Prepare(text, document, basePath);
        var copy = Path.Combine(Path.GetTempPath(), $"connectedcar-pact-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(copy, prepared, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            var provider = options.ProviderName ?? (document.Provider.Length > 0 ? document.Provider : "provider");
            // The engine blocks until every interaction is replayed: keep it off the caller's thread.
            var run = await Task.Run(() => EngineVerifier.Execute(copy, provider, options.Target, providerPath, headers, options), cancellationToken).ConfigureAwait(false);
            var (interactions, errors) = VerifierJsonReader.Read(run.Json, document.Interactions);
            if (run.ExitCode is not (0 or 1))
            {
                errors = [.. errors, $"The Pact verifier failed: {EngineVerifier.Describe(run.ExitCode)}."];
            }
            else if (run.ExitCode == 1 && errors.Count == 0 && interactions.All(i => i.Passed))
            {
                errors = [.. errors, "The Pact verifier reported a failure that no interaction explains; see the engine output."];
            }

            return new PactVerificationResult
            {
                Consumer = document.Consumer,
                Provider = provider,
                PactFile = Path.GetFullPath(options.PactFile),
                Target = options.Target,
                Interactions = interactions,
                EngineOutput = run.Output,
                EngineJson = run.Json,
                Errors = errors,
                Duration = clock.Elapsed,
            };
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>
    /// The pact as the engine should replay it, and the path prefix to give the engine. Consumers record
    /// paths with the API base path (<c>/api/connectedcar/v1/accounts/vehicles</c>) or without it
    /// (<c>/accounts/vehicles</c>); the engine prefixes every path with the provider path, so a pact
    /// that includes the base path is replayed from the root, and one that omits it under the base path.
    /// A pact mixing both has the base path removed from its paths first.
    /// </summary>
    internal static (string Json, string ProviderPath) Prepare(string text, PactDocument document, string basePath)
    {
        if (basePath.Length == 0)
        {
            return (text, "/");
        }

        bool Includes(string path) => path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal);
        var including = document.Interactions.Count(i => Includes(i.Path));
        if (including == 0)
        {
            return (text, basePath);
        }

        if (including == document.Interactions.Count)
        {
            return (text, "/");
        }

        var root = JsonNode.Parse(text)!;
        foreach (var interaction in root["interactions"]!.AsArray())
        {
            if (interaction?["request"] is JsonObject request && request["path"]?.GetValue<string>() is { } path && Includes(path))
            {
                request["path"] = path.Length == basePath.Length ? "/" : path[basePath.Length..];
            }
        }

        return (root.ToJsonString(), basePath);
    }
}
