using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Pact;

/// <summary>A pact as the engine should replay it, the path prefix to give the engine, and the interactions kept.</summary>
internal sealed record PreparedPact(string Json, string ProviderPath, IReadOnlyList<PactEntry> Selected);

/// <summary>
/// Rewrites a pact for the engine's verifier: only the interactions the filters select, the recorded
/// <c>Authorization</c> replaced where the consumer recorded one (and only there: a request recorded without
/// credentials must reach the provider without), and paths fitted to the target's base path.
/// </summary>
internal static class PactPreparation
{
    private const string Authorization = "Authorization";

    public static PreparedPact Prepare(string text, PactDocument document, string basePath, string? authorization = null, Func<PactEntry, bool>? select = null)
    {
        var entries = document.Entries;
        var selected = select is null ? entries : [.. entries.Where(select)];
        bool Includes(string path) => basePath.Length > 0 && (path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal));
        var http = document.Interactions.Where(i => selected.Any(s => s.Index == i.Index)).ToList();
        var including = http.Count(i => Includes(i.Path));
        var stripBase = including > 0 && including < http.Count;
        var providerPath = basePath.Length == 0 || (including > 0 && !stripBase) ? "/" : basePath;
        var recordsAuthorization = http.Any(i => i.Request.Headers.ContainsKey(Authorization));
        if (selected.Count == entries.Count && !stripBase && (authorization is null || !recordsAuthorization))
        {
            return new PreparedPact(text, providerPath, selected);
        }

        var root = JsonNode.Parse(text)!.AsObject();
        var arrayName = root["interactions"] is JsonArray ? "interactions" : "messages";
        var all = root[arrayName]!.AsArray();
        var kept = new JsonArray();
        for (var index = 0; index < all.Count; index++)
        {
            if (!selected.Any(s => s.Index == index) || all[index] is not JsonObject interaction)
            {
                continue;
            }

            if (interaction["request"] is JsonObject request && document.Interactions.Any(i => i.Index == index))
            {
                if (stripBase && request["path"]?.GetValue<string>() is { } path && Includes(path))
                {
                    request["path"] = path.Length == basePath.Length ? "/" : path[basePath.Length..];
                }

                if (authorization is not null && request["headers"] is JsonObject headers
                    && headers.FirstOrDefault(h => h.Key.Equals(Authorization, StringComparison.OrdinalIgnoreCase)).Key is { } name)
                {
                    // V4 writes header values as arrays, V2 and V3 as strings: keep the file's own shape.
                    headers[name] = headers[name] is JsonArray ? new JsonArray(authorization) : authorization;
                }
            }

            kept.Add(interaction.DeepClone());
        }

        root[arrayName] = kept;
        return new PreparedPact(root.ToJsonString(), providerPath, selected);
    }

    /// <summary>The filters of the options as one predicate (regular expressions, as the official verifier's).</summary>
    public static Func<PactEntry, bool> Filter(PactVerificationOptions options)
    {
        var description = options.FilterDescription is { } d ? new Regex(d, RegexOptions.None, TimeSpan.FromSeconds(1)) : null;
        var state = options.FilterState is { } s ? new Regex(s, RegexOptions.None, TimeSpan.FromSeconds(1)) : null;
        return entry => (description is null || description.IsMatch(entry.Description))
            && (state is null || entry.States.Any(state.IsMatch));
    }
}
