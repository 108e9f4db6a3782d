using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Scenarios;

/// <summary>Scenario overlays pin resources on demand, stay valid, and show alike in lists and details.</summary>
public class ScenarioTests
{
    public static IEnumerable<TestCaseData> ScenariosOfBoth() =>
        from scenario in ScenarioCatalog.Load().Values
        from spec in Specs.Names
        select new TestCaseData(spec, scenario.Name).SetName($"scenario › {scenario.Name} › {spec}");

    [TestCaseSource(nameof(ScenariosOfBoth))]
    public async Task A_scenario_header_pins_its_resources_and_they_stay_valid(string spec, string scenarioName)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var scenario = ScenarioCatalog.Load()[scenarioName];
        foreach (var patch in scenario.Patches)
        {
            var operation = mock.Document.Operations.Single(o => o.Method == "GET" && o.Path == patch.Path);
            var request = mock.RequestFor(operation, overrides: Ids(mock, patch));
            request.Headers.Add(RequestPipeline.ScenarioHeader, scenarioName);

            var (status, _, body, _) = await mock.SendAsync(request);

            Assert.That(status, Is.EqualTo(200), body);
            var media = operation.SuccessResponses.First().Content[0];
            Assert.That(mock.Document.Validator.Validate(media.Schema!, body, ValidationMode.Strict).ToString(), Is.EqualTo("valid"));
            var json = JsonNode.Parse(body)!;
            foreach (var (pointer, value) in patch.Set)
            {
                Assert.That(JsonNode.DeepEquals(At(json, pointer), value), Is.True, $"{pointer} is pinned");
            }

            foreach (var pointer in patch.Remove)
            {
                Assert.That(At(json, pointer), Is.Null, $"{pointer} is removed");
            }
        }
    }

    [Test]
    public async Task Without_the_scenario_the_same_resource_is_not_pinned()
    {
        await using var mock = await RunningMock.StartAsync();
        var patch = ScenarioCatalog.Load()["trip-with-collision"].Patches[0];
        var operation = mock.Document.Operations.Single(o => o.Method == "GET" && o.Path == patch.Path);

        var plain = JsonNode.Parse((await mock.SendAsync(mock.RequestFor(operation, overrides: Ids(mock, patch)))).Body)!;
        var pinnedRequest = mock.RequestFor(operation, overrides: Ids(mock, patch));
        pinnedRequest.Headers.Add(RequestPipeline.ScenarioHeader, "trip-with-collision");
        var pinned = JsonNode.Parse((await mock.SendAsync(pinnedRequest)).Body)!;

        Assert.That(JsonNode.DeepEquals(plain, pinned), Is.False);
        Assert.That(pinned["pedestrian"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_list_shows_the_pinned_item_as_its_detail_does()
    {
        await using var mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Scenario = "stolen-vehicle" });
        using var http = Cli.ServeAndGenerateTests.Authorized(mock.BaseUrl);
        var world = new FleetWorld(mock.Document, new WorldOptions { Seed = mock.Options.Seed });
        var vehicle = world.IdsOf(world.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

        var list = JsonNode.Parse(await http.GetStringAsync($"/api/connectedcar/v1/accounts/vehicles/{vehicle}/stolen"))!;
        var first = (list["_embedded"]!.AsObject().First().Value as JsonArray)![0]!;

        Assert.That(first["state"]!.GetValue<bool>(), Is.True);
        Assert.That(first["endAt"], Is.Null);
    }

    [Test]
    public async Task An_unknown_scenario_is_a_400()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Add(RequestPipeline.ScenarioHeader, "no-such-scenario");

        var (status, _, body, _) = await mock.SendAsync(request);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("low-battery"), "the answer lists the known scenarios");
    }

    [Test]
    public void An_unknown_scenario_at_start_is_refused() =>
        Assert.ThrowsAsync<ArgumentException>(() => ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Scenario = "nope" }));

    private static Dictionary<string, string> Ids(RunningMock mock, ScenarioPatch patch)
    {
        var template = new PathTemplate(patch.Path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            var owner = mock.World.Model.OwnerOf(template, parameter)!;
            var parents = owner.List.Parameters.ToDictionary(p => p, p => values[p], StringComparer.Ordinal);
            values[parameter] = mock.World.IdsOf(owner, parents)[patch.Items.GetValueOrDefault(parameter)];
        }

        return values;
    }

    private static JsonNode? At(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var token in pointer.TrimStart('/').Split('/'))
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }
}
