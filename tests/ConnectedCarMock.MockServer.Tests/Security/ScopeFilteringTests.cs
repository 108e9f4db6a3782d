using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>
/// Filtering scopes: with one optional scope, the body has that scope's blocks and no block of
/// another optional scope, and stays valid under the tolerant-reader rules.
/// </summary>
public class ScopeFilteringTests
{
    private static readonly string[] Operations = ["getVehicleLastTelemetries", "getVehicleTelemetry", "getVehicleTrips", "getVehicleCollision"];

    public static IEnumerable<TestCaseData> Cases() =>
        from spec in Specs.Names
        from operation in Operations
        select new TestCaseData(spec, operation).SetName($"filtering › {spec} › {operation}");

    [TestCaseSource(nameof(Cases))]
    public async Task Each_optional_scope_alone_shows_its_blocks_and_no_other(string spec, string operationId)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var document = mock.Document;
        var operation = document.GetOperation(operationId);
        var schema = operation.SuccessResponses.First().Content[0].Schema!;
        var full = JsonNode.Parse((await mock.SendAsync(mock.RequestFor(operation))).Body)!;
        var blocks = Blocks(document, spec, full, document.View(schema), string.Empty).ToList();
        TestContext.Out.WriteLine($"{blocks.Count} scoped blocks in the full body: {string.Join(", ", blocks.Select(b => $"{b.Pointer}={b.Scope}").Take(12))}");

        var shownSomewhere = 0;
        foreach (var optional in operation.OptionalScopes)
        {
            var request = mock.RequestFor(operation);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mock.Server.MintToken(operation.RequiredScopes.Append(optional)));
            var (status, _, text, _) = await mock.SendAsync(request, anonymous: true);
            Assert.That(status, Is.EqualTo(200), text);
            Assert.That(document.Validator.Validate(schema, text, ValidationMode.Tolerant).ToString(), Is.EqualTo("valid"), $"{optional} body is valid");
            var body = JsonNode.Parse(text)!;
            foreach (var (pointer, scope) in blocks)
            {
                var shown = Shown(blocks, pointer, scope, optional);
                var present = At(body, pointer) is not null;
                Assert.That(present, Is.EqualTo(shown), $"with {optional}: {pointer} ({scope}) {(shown ? "is shown" : "is hidden")}");
                shownSomewhere += present ? 1 : 0;
            }
        }

        if (blocks.Count > 0)
        {
            Assert.That(shownSomewhere, Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task A_parent_scope_sees_every_telemetry_block_and_a_leaf_scope_only_its_own()
    {
        await using var mock = await RunningMock.StartAsync();
        var operation = mock.Document.GetOperation("getVehicleLastTelemetries");

        var all = await Body(mock, operation, "data:telemetry");
        var battery = await Body(mock, operation, "data:telemetry:vehicle:battery");

        Assert.That(all["vehicle"]!.AsObject().Count, Is.GreaterThan(5));
        Assert.That(all["environment"], Is.Not.Null);
        Assert.That(battery["vehicle"]!.AsObject().Select(p => p.Key).ToArray(), Is.EqualTo(new[] { "battery" }));
        Assert.That(battery["environment"], Is.Null);
    }

    /// <summary>
    /// A block shows when the scope covers it, or when it is a container of a narrower scope that
    /// covers a block inside it (then it is kept for that one). A block that needs another scope
    /// besides (a position inside an alert) does not open the alert.
    /// </summary>
    private static bool Shown(List<(string Pointer, string Scope)> blocks, string pointer, string scope, string granted) =>
        (new ScopeSet([granted]).Covers(scope)
            || blocks.Any(b => b.Pointer.StartsWith(pointer + "/", StringComparison.Ordinal)
                && new ScopeSet([scope]).Covers(b.Scope) && b.Scope != scope && new ScopeSet([granted]).Covers(b.Scope)))
        && blocks.Where(a => pointer.StartsWith(a.Pointer + "/", StringComparison.Ordinal)).All(a => Shown(blocks, a.Pointer, a.Scope, granted));

    private static async Task<JsonNode> Body(RunningMock mock, Operation operation, string scope)
    {
        var request = mock.RequestFor(operation);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mock.Server.MintToken([scope]));
        return JsonNode.Parse((await mock.SendAsync(request, anonymous: true)).Body)!;
    }

    /// <summary>
    /// The blocks of the full body that an optional scope governs: by x-scope in our document; in the
    /// published one (no annotations) by the telemetry convention its description states.
    /// </summary>
    private static IEnumerable<(string Pointer, string Scope)> Blocks(ApiDocument document, string spec, JsonNode? node, SchemaView view, string pointer)
    {
        if (node is JsonArray array && view.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var block in Blocks(document, spec, array[i], document.View(items), $"{pointer}/{i}"))
                {
                    yield return block;
                }
            }

            yield break;
        }

        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (name, value) in obj)
        {
            if (view.Property(name) is not { } property)
            {
                continue;
            }

            var child = document.View(property.Schema);
            var path = $"{pointer}/{name}";
            var scope = spec == Specs.Ours ? child.Scope : PublishedConvention(path);
            if (scope is not null)
            {
                yield return (path, scope);
            }

            foreach (var block in Blocks(document, spec, value, child, path))
            {
                yield return block;
            }
        }
    }

    // Vehicle blocks with a scope of their own in the published scope list; the others need data:telemetry:vehicle.
    private static readonly HashSet<string> TelemetryVehicleScopes =
    [
        "ignition", "location", "preconditioning", "tyreState", "energies", "engines", "doorsState", "battery", "safety", "odometer",
        "kinetic", "propulsion", "braking", "wipingBlades", "transmission", "adas", "lightingSystem", "maintenance", "drivingBehavior", "alerts", "alarm",
    ];

    // "the vehicle.location block of a telemetry needs data:telemetry:vehicle:location" (specs/README.md).
    private static string? PublishedConvention(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => !int.TryParse(p, out _) && p != "_embedded" && p != "telemetries").ToList();
        return parts switch
        {
            ["environment"] or ["privacy"] => "data:telemetry:" + parts[0],
            ["vehicle", var block] => TelemetryVehicleScopes.Contains(block) ? "data:telemetry:vehicle:" + (block == "alerts" ? "alert" : block) : "data:telemetry:vehicle",
            ["trips", "locations"] or ["locations"] => "data:telemetry:vehicle:location",
            _ => null,
        };
    }

    private static JsonNode? At(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }
}
