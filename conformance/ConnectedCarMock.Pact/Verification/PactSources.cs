namespace ConnectedCarMock.Pact;

/// <summary>One pact to verify: where it came from (a path or URL, as reports name it) and its text.</summary>
internal sealed record PactSource(string Location, string Text);

/// <summary>
/// Collects the pacts of a verification from files, folders (their <c>*.json</c> files, in name order, not
/// recursive, as the official verifier's <c>--dir</c>) and URLs (fetched with GET), in that order.
/// </summary>
internal static class PactSources
{
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder is missing.</exception>
    /// <exception cref="HttpRequestException">A URL cannot be fetched.</exception>
    /// <exception cref="ArgumentException">No source was given.</exception>
    public static async Task<IReadOnlyList<PactSource>> LoadAsync(PactVerificationOptions options, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        if (options.PactFile is { } single)
        {
            files.Add(single);
        }

        files.AddRange(options.PactFiles);
        foreach (var directory in options.PactDirectories)
        {
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"The pact folder {directory} does not exist.");
            }

            files.AddRange(Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal));
        }

        var sources = new List<PactSource>();
        foreach (var file in files)
        {
            sources.Add(new PactSource(Path.GetFullPath(file), await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        if (options.PactUrls.Count > 0)
        {
            using var http = new HttpClient { Timeout = options.RequestTimeout };
            foreach (var url in options.PactUrls)
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"The pact at {url} could not be fetched: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
                }

                sources.Add(new PactSource(url.ToString(), await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
            }
        }

        return sources.Count > 0 ? sources : throw new ArgumentException("No pact to verify: give a pact file, a folder of pacts or a pact URL.", nameof(options));
    }
}
