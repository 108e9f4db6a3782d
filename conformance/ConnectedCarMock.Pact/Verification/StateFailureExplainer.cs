using System.Text;
using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// The engine says only "One or more of the setup state change handlers has failed"; the provider's answer
/// said why (an unknown state, a misnamed parameter). For each such interaction the set-up is sent once more,
/// then torn down, and the provider's own message is added to the mismatches.
/// </summary>
internal static class StateFailureExplainer
{
    private const string EngineWords = "state change";

    public static async Task<IReadOnlyList<PactInteractionResult>> ExplainAsync(IReadOnlyList<PactInteractionResult> results, IReadOnlyList<PactEntry> entries, Uri? stateUrl, CancellationToken cancellationToken)
    {
        if (stateUrl is null || !results.Any(Failed))
        {
            return results;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var explained = new List<PactInteractionResult>();
        foreach (var result in results)
        {
            var entry = entries.FirstOrDefault(e => e.Description == result.Description && e.States.SequenceEqual(result.ProviderStates));
            if (!Failed(result) || entry is null)
            {
                explained.Add(result);
                continue;
            }

            var reasons = new List<string>();
            for (var i = 0; i < entry.States.Count; i++)
            {
                var parameters = i < entry.StateParameters.Count ? entry.StateParameters[i] : "{}";
                if (await AnswerAsync(http, stateUrl, entry.States[i], parameters, "setup", cancellationToken) is { } reason)
                {
                    reasons.Add($"provider state '{entry.States[i]}': {reason}");
                }
            }

            foreach (var state in entry.States)
            {
                _ = await AnswerAsync(http, stateUrl, state, "{}", "teardown", cancellationToken);
            }

            explained.Add(result with { Mismatches = [.. result.Mismatches, .. reasons] });
        }

        return explained;
    }

    private static bool Failed(PactInteractionResult result) => !result.Passed && result.Mismatches.Any(m => m.Contains(EngineWords, StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider's message when it refuses the state change; null when it accepts it.</summary>
    private static Task<string?> AnswerAsync(HttpClient http, Uri stateUrl, string state, string parameters, string action, CancellationToken cancellationToken)
    {
        var body = $$"""{"state":{{JsonSerializer.Serialize(state)}},"params":{{parameters}},"action":"{{action}}"}""";
        return ProviderAnswer.RefusalAsync(() => http.PostAsync(stateUrl, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken), cancellationToken);
    }
}
