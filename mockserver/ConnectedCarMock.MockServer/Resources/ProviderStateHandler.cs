using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Sets up and tears down Pact provider states (<c>POST /__mock/states</c> with
/// <c>{"state", "params", "action"}</c>, as Pact verifiers send them): ids a pact uses are made to exist or
/// not, scenario fixtures apply, and tokens are refused or lose a scope. The answer to a set-up holds the
/// state's values (the ids it made exist or absent), for consumers that use <c>fromProviderState</c>.
/// Everything goes through the state store: the items, and the effects in the run-time settings.
/// </summary>
/// <remarks>
/// Each interaction starts from a clean state, whether or not the verifier sends teardowns (the official
/// one does only with <c>--state-change-teardown</c>): the states of one interaction arrive back to back
/// before its request, so the first set-up after an API request (<see cref="StatePhase.Served"/>) first
/// clears what earlier states did, as a teardown would. The empty state, which verifiers send for an
/// interaction without states, only does that clearing.
/// </remarks>
internal sealed class ProviderStateHandler(FleetWorld world, IStateStore store, ProviderStateCatalog catalog)
{
    public async ValueTask<MockResponse> HandleAsync(byte[] body)
    {
        if (Parse(body) is not ({ } name, { } action, { } parameters))
        {
            return ErrorBodies.BadRequest("a provider state change is {\"state\": \"...\", \"params\": {...}, \"action\": \"setup\"|\"teardown\"}: " + ParseError(body));
        }

        if (action == "teardown" || (await store.ReadAsync()).Settings.States.Phase == StatePhase.Served)
        {
            // What a teardown does, a set-up for the next interaction does first.
            await ClearAsync();
        }

        if (action == "teardown" || name.Length == 0)
        {
            return Ok(new Dictionary<string, string>());
        }

        if (catalog.Find(name) is not { } found)
        {
            return ErrorBodies.BadRequest($"unknown provider state '{ParameterReader.Printable(name)}'; add it to a provider-states file (--provider-states)");
        }

        var (state, captured) = found;
        var expected = ProviderStateCatalog.Parameters(state).Where(p => !captured.ContainsKey(p)).ToList();
        if (parameters.Keys.Where(k => !expected.Contains(k, StringComparer.Ordinal) && !captured.ContainsKey(k)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
        {
            var names = expected.Count == 0 ? "none" : string.Join(", ", expected);
            return ErrorBodies.BadRequest($"provider state '{ParameterReader.Printable(name)}' has no parameter {string.Join(", ", unknown.Select(u => $"'{ParameterReader.Printable(u)}'"))}; expected: {names}");
        }

        foreach (var (key, value) in parameters)
        {
            captured.TryAdd(key, value);
        }

        if (state.Ensure is { } ensure && await ResolveAsync(ensure, captured, exists: true) is { } ensureError)
        {
            return ensureError;
        }

        if (state.Absent is { } absent && await ResolveAsync(absent, captured, exists: false) is { } absentError)
        {
            return absentError;
        }

        await store.UpdateSettingsAsync(settings => settings with
        {
            States = settings.States with
            {
                Refuse = settings.States.Refuse || state.Credentials == "refuse",
                Withheld = state.Withhold is { } scope ? [.. settings.States.Withheld, ProviderStateCatalog.Fill(scope, captured)] : settings.States.Withheld,
                Scenario = state.Scenario ?? settings.States.Scenario,
                Phase = StatePhase.SetUp,
            },
        });
        return Ok(captured);
    }

    /// <summary>Forgets every state's effects and what clients created, changed and deleted (<c>POST /__mock/reset</c>, teardown).</summary>
    public async ValueTask ClearAsync()
    {
        await store.UpdateSettingsAsync(settings => settings with { States = StateEffects.None });
        await store.ResetAsync();
    }

    /// <summary>
    /// Makes the item at a path template exist (or not). A missing id is chosen, and told back in the answer:
    /// an item of the world for "exists", an id nobody has for "absent".
    /// </summary>
    private async ValueTask<MockResponse?> ResolveAsync(string template, Dictionary<string, string> values, bool exists)
    {
        var path = ProviderStateCatalog.Fill(template, values);
        var open = ProviderStateCatalog.Parameters(path);
        var chosen = open.Count == 1 && path.EndsWith("{" + open[0] + "}", StringComparison.Ordinal) ? open[0] : null;
        if (open.Count > (chosen is null ? 0 : 1))
        {
            return ErrorBodies.BadRequest($"the provider state needs the parameter(s) {string.Join(", ", open)} to name {ParameterReader.Printable(path)}");
        }

        var item = Item(chosen is null ? path : path[..^(chosen.Length + 2)] + "\u0001");
        if (item is not { } found)
        {
            return ErrorBodies.BadRequest($"{ParameterReader.Printable(path)} is not an item of a collection of the document");
        }

        if (chosen is not null)
        {
            var id = exists && world.IdsOf(found.Collection, found.Parents) is { Count: > 0 } ids ? ids[0] : world.CreatedId(found.Collection, found.Parents, await store.NextOrderAsync());
            values[chosen] = id;
            found = Item(ProviderStateCatalog.Fill(template, values))!.Value;
        }

        if (!exists)
        {
            await store.DeleteAsync(found.Path);
        }
        else if (!world.Contains(found.Collection, found.Parents, found.Id) && !(await store.ReadAsync()).Resources.IsCreated(found.ListIdentity, found.Id))
        {
            await store.AddAsync(new CreatedResource(found.ListIdentity, found.Id, await store.NextOrderAsync(), found.Path, Overlay: null));
        }

        return null;
    }

    /// <summary>The collection item a concrete path names (matched by structure, whatever its parameter names).</summary>
    private (ResourceCollection Collection, Dictionary<string, string> Parents, string Id, string ListIdentity, string Path)? Item(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var collection in world.Model.Collections.Where(c => c.Item is not null))
        {
            if (collection.Item!.Match(segments) is { } values)
            {
                var id = values[collection.ItemParameter!];
                var parents = values.Where(v => v.Key != collection.ItemParameter).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                return (collection, parents, id, FleetWorld.Identity(collection.List, parents), collection.Item.Expand(values)!);
            }
        }

        return null;
    }

    private static (string? Name, string? Action, Dictionary<string, string>? Parameters) Parse(byte[] body)
    {
        try
        {
            var json = JsonNode.Parse(body) as JsonObject;
            var name = json?["state"]?.GetValue<string>();
            var action = json?["action"]?.GetValue<string>() ?? "setup";
            var parameters = (json?["params"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
            return (name, action, parameters);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, null, null);
        }
    }

    private static string ParseError(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json && json["state"] is null ? "no 'state'" : "not a JSON object with a string 'state'";
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static MockResponse Ok(IReadOnlyDictionary<string, string> values) =>
        new(200) { ContentType = "application/json", Body = JsonSerializer.SerializeToUtf8Bytes(values) };
}
