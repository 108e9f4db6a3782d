using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Reads <c>pactffi_verifier_json</c>: <c>interactionResults</c> (one per replayed interaction, with a
/// <c>mismatch</c> when it failed) and <c>errors</c>. Results are returned in pact order; an interaction the
/// engine never reported is a failure, so a crash mid-run cannot look like a pass.
/// </summary>
internal static class VerifierJsonReader
{
    public static (IReadOnlyList<PactInteractionResult> Interactions, IReadOnlyList<string> Errors) Read(string json, IReadOnlyList<PactEntry> pact)
    {
        var reported = new List<(string Description, List<string> States, List<string> Mismatches, bool Failed)>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(json))
        {
            errors.Add("The Pact verifier returned no result.");
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                Collect(document.RootElement, reported, errors);
            }
            catch (JsonException e)
            {
                errors.Add($"The Pact verifier's result is not JSON: {e.Message}");
            }
        }

        var results = new List<PactInteractionResult>();
        foreach (var interaction in pact)
        {
            var index = reported.FindIndex(r => r.Description == interaction.Description && r.States.SequenceEqual(interaction.States));
            if (index < 0)
            {
                results.Add(new PactInteractionResult(interaction.Description, interaction.States, false, ["the verifier did not replay this interaction"]) { Pending = interaction.Pending, IsMessage = interaction.IsMessage });
                continue;
            }

            var (_, _, mismatches, failed) = reported[index];
            reported.RemoveAt(index);
            results.Add(new PactInteractionResult(interaction.Description, interaction.States, !failed, mismatches) { Pending = interaction.Pending, IsMessage = interaction.IsMessage });
        }

        return (results, errors);
    }

    private static void Collect(JsonElement root, List<(string, List<string>, List<string>, bool)> reported, List<string> errors)
    {
        if (root.TryGetProperty("interactionResults", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var result in results.EnumerateArray())
            {
                var description = Text(result, "description");
                var states = result.TryGetProperty("providerStates", out var s) && s.ValueKind == JsonValueKind.Array
                    ? s.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? string.Empty : Text(x, "name")).ToList()
                    : [];
                var mismatches = result.TryGetProperty("mismatch", out var mismatch) ? Mismatches(mismatch) : [];
                var outcome = Text(result, "result");
                var failed = mismatches.Count > 0 || outcome.Equals("Error", StringComparison.OrdinalIgnoreCase) || outcome.Equals("Failed", StringComparison.OrdinalIgnoreCase);
                if (failed && mismatches.Count == 0)
                {
                    mismatches.Add($"the verifier reported '{outcome}'");
                }

                reported.Add((description, states, mismatches, failed));
            }
        }

        // Errors that belong to no interaction (the pact could not be loaded, the provider was unreachable before any request).
        if (root.TryGetProperty("errors", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in all.EnumerateArray())
            {
                var name = Text(error, "interaction");
                if (!reported.Any(r => name.EndsWith(" - " + r.Item1, StringComparison.Ordinal)))
                {
                    var detail = error.TryGetProperty("mismatch", out var m) ? string.Join("; ", Mismatches(m)) : error.GetRawText();
                    errors.Add(name.Length == 0 ? detail : $"{name}: {detail}");
                }
            }
        }
    }

    private static List<string> Mismatches(JsonElement mismatch)
    {
        if (mismatch.TryGetProperty("mismatches", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select(Describe).ToList();
        }

        // {"type": "error", "message": "..."}: the request itself failed (connection refused, timeout).
        return Text(mismatch, "message") is { Length: > 0 } message ? [message] : [mismatch.GetRawText()];
    }

    // The engine's sentence, prefixed with where it applies: body mismatches carry a path ($.total), header ones a key.
    private static string Describe(JsonElement mismatch)
    {
        var text = Text(mismatch, "mismatch");
        if (text.Length == 0)
        {
            return mismatch.GetRawText();
        }

        var where = Text(mismatch, "path") is { Length: > 0 } path ? path : string.Empty;
        return where.Length > 0 && !text.Contains(where, StringComparison.Ordinal) ? $"{where}: {text}" : text;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;
}
