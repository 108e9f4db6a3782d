using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Sets up and tears down Pact provider states (<c>POST /__mock/states</c> with
/// <c>{"state", "params", "action"}</c>, as the Pact verifier sends them): ids a pact uses are made
/// to exist or not, scenario fixtures apply, and tokens are refused or lose a scope, until teardown.
/// </summary>
internal sealed class ProviderStateHandler(FleetWorld world, ResourceStore store, ProviderStateCatalog catalog)
{
    private readonly Lock _lock = new();
    private StateEffects _active = StateEffects.None;

    /// <summary>What the states set up now change in how requests are answered.</summary>
    public StateEffects Active
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    public MockResponse Handle(byte[] body)
    {
        string name;
        string action;
        Dictionary<string, string> parameters;
        try
        {
            var json = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
            name = json["state"]?.GetValue<string>() ?? throw new JsonException("no 'state'");
            action = json["action"]?.GetValue<string>() ?? "setup";
            parameters = (json["params"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return ErrorBodies.BadRequest($"a provider state change is {{\"state\": \"...\", \"params\": {{...}}, \"action\": \"setup\"|\"teardown\"}}: {ex.Message}");
        }

        if (action == "teardown")
        {
            lock (_lock)
            {
                _active = StateEffects.None;
            }

            store.Reset();
            return Ok();
        }

        if (catalog.Find(name) is not { } found)
        {
            return ErrorBodies.BadRequest($"unknown provider state '{ParameterReader.Printable(name)}'; add it to a provider-states file (--provider-states)");
        }

        var (state, captured) = found;
        foreach (var (key, value) in parameters)
        {
            captured.TryAdd(key, value);
        }

        if (state.Ensure is { } ensure && Item(ProviderStateCatalog.Fill(ensure, captured)) is { } present)
        {
            if (!world.Contains(present.Collection, present.Parents, present.Id) && !store.IsCreated(present.ListIdentity, present.Id))
            {
                store.Add(present.ListIdentity, present.Id, store.NextCounter(), present.Path, overlay: null);
            }
        }

        if (state.Absent is { } absent && Item(ProviderStateCatalog.Fill(absent, captured)) is { } gone)
        {
            store.Delete(gone.Path);
        }

        lock (_lock)
        {
            _active = _active with
            {
                Refuse = _active.Refuse || state.Credentials == "refuse",
                Withheld = state.Withhold is { } scope ? [.. _active.Withheld, ProviderStateCatalog.Fill(scope, captured)] : _active.Withheld,
                Scenario = state.Scenario ?? _active.Scenario,
            };
        }

        return Ok();
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

    private static MockResponse Ok() => new(200) { ContentType = "application/json", Body = "{}"u8.ToArray() };
}

/// <summary>What active provider states change: refused tokens, withheld scopes, a scenario.</summary>
internal sealed record StateEffects(bool Refuse, IReadOnlyList<string> Withheld, string? Scenario)
{
    public static StateEffects None { get; } = new(false, [], null);

    /// <summary>The granted scopes without any that covers, or lies under, a withheld scope.</summary>
    public ScopeSet Restrict(ScopeSet granted) =>
        Withheld.Count == 0
            ? granted
            : new ScopeSet(granted.Names.Where(g => !Withheld.Any(w => new ScopeSet([g]).Covers(w) || new ScopeSet([w]).Covers(g))));
}
