using System.Text;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Message interactions and the provider that produces their messages: where the engine fetches them (the
/// option, else the mock's <c>/__mock/messages</c> beside its <c>/__mock/states</c>), the verdict of a message no
/// provider was given for, and why one failed in the provider's own words. The engine matches whatever body comes
/// back (it reads no status for an asynchronous message), so a provider's 400 would otherwise show only as body
/// mismatches.
/// </summary>
internal static class MessageProvider
{
    public const string MockStatesPath = "/__mock/states";
    public const string MockMessagesPath = "/__mock/messages";

    public const string NoProvider =
        "no message provider to fetch the message from: give MessageProviderUrl (--message-url), the provider's endpoint that answers "
        + "a message for {\"description\", \"providerStates\"} (the mock's is /__mock/messages)";

    /// <summary>The message endpoint to verify message interactions against; null when none is given or implied.</summary>
    /// <exception cref="ArgumentException">The URL is not http(s), or not on the target's host (the engine sends message requests there).</exception>
    public static Uri? Resolve(PactVerificationOptions options)
    {
        var url = options.MessageProviderUrl
            ?? (options.StateChangeUrl is { IsAbsoluteUri: true } states && states.AbsolutePath == MockStatesPath ? new Uri(states, MockMessagesPath) : null);
        if (url is null)
        {
            return null;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The message provider URL must be an absolute http(s) URL, not '{url}'.", nameof(options));
        }

        if (!url.Host.Equals(options.Target.Host, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The message provider URL {url} must be on the target's host ({options.Target.Host}): the Pact engine sends message requests to the provider's host, on the message URL's port and path.",
                nameof(options));
        }

        return url;
    }

    public static PactInteractionResult Unverified(PactEntry entry) =>
        new(entry.Description, entry.States, false, [NoProvider]) { Pending = entry.Pending, IsMessage = true };

    /// <summary>Adds the provider's reason to each failed message interaction it refused (non-2xx), asking it once more.</summary>
    public static async Task<IReadOnlyList<PactInteractionResult>> ExplainAsync(
        IReadOnlyList<PactInteractionResult> results, IReadOnlyList<PactEntry> entries, Uri? messageUrl, CancellationToken cancellationToken)
    {
        if (messageUrl is null || !results.Any(r => r.IsMessage && !r.Passed))
        {
            return results;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var explained = new List<PactInteractionResult>();
        foreach (var result in results)
        {
            var entry = entries.FirstOrDefault(e => e.IsMessage && e.Description == result.Description && e.States.SequenceEqual(result.ProviderStates));
            // A message whose state change failed never reached the provider: the state's explanation says why.
            if (result.Passed || !result.IsMessage || entry is null || result.Mismatches.Any(m => m.Contains("state change", StringComparison.OrdinalIgnoreCase)))
            {
                explained.Add(result);
                continue;
            }

            var reason = await ProviderAnswer.RefusalAsync(() => http.PostAsync(messageUrl, new StringContent(Request(entry), Encoding.UTF8, "application/json"), cancellationToken), cancellationToken).ConfigureAwait(false);
            explained.Add(reason is null ? result : result with { Mismatches = [.. result.Mismatches, $"the message provider refused to produce the message: {reason}"] });
        }

        return explained;
    }

    /// <summary>What the engine posts for a message interaction.</summary>
    internal static string Request(PactEntry entry)
    {
        var states = new JsonArray();
        for (var i = 0; i < entry.States.Count; i++)
        {
            var parameters = i < entry.StateParameters.Count ? JsonNode.Parse(entry.StateParameters[i]) : null;
            states.Add(new JsonObject { ["name"] = entry.States[i], ["params"] = parameters ?? new JsonObject() });
        }

        var request = new JsonObject { ["description"] = entry.Description };
        if (states.Count > 0)
        {
            request["providerStates"] = states;
        }

        return request.ToJsonString();
    }
}
