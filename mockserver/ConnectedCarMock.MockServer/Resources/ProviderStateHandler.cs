using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.ProviderStates;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Sets up and tears down Pact provider states (<c>POST /__mock/states</c> with
/// <c>{"state", "params", "action"}</c>, as the Pact verifier sends them): ids a pact uses are made
/// to exist or not, scenario fixtures apply, and tokens are refused or lose a scope, until teardown.
/// Everything goes through the state store: the items, and the effects in the run-time settings.
/// </summary>
internal sealed class ProviderStateHandler(FleetWorld world, IStateStore store, ProviderStateCatalog catalog)
{
    public async ValueTask<MockResponse> HandleAsync(byte[] body)
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
            await store.UpdateSettingsAsync(settings => settings with { States = StateEffects.None });
            await store.ResetAsync();
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
            var now = (await store.ReadAsync()).Resources;
            if (!world.Contains(present.Collection, present.Parents, present.Id) && !now.IsCreated(present.ListIdentity, present.Id))
            {
                await store.AddAsync(new CreatedResource(present.ListIdentity, present.Id, await store.NextOrderAsync(), present.Path, Overlay: null));
            }
        }

        if (state.Absent is { } absent && Item(ProviderStateCatalog.Fill(absent, captured)) is { } gone)
        {
            await store.DeleteAsync(gone.Path);
        }

        await store.UpdateSettingsAsync(settings => settings with
        {
            States = settings.States with
            {
                Refuse = settings.States.Refuse || state.Credentials == "refuse",
                Withheld = state.Withhold is { } scope ? [.. settings.States.Withheld, ProviderStateCatalog.Fill(scope, captured)] : settings.States.Withheld,
                Scenario = state.Scenario ?? settings.States.Scenario,
            },
        });
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
