using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.World;

/// <summary>Consistent across endpoints: ids in lists are retrievable, unknown ids are 404, links answer.</summary>
public class WorldConsistencyTests
{
    public static IEnumerable<TestCaseData> Documents() => Specs.Names.Select(n => new TestCaseData(n).SetName($"{{m}} › {n}"));

    [TestCaseSource(nameof(Documents))]
    public async Task Every_id_in_every_list_is_retrievable_and_equals_the_list_item(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var checkedItems = 0;
        foreach (var collection in mock.World.Model.Collections.Where(c => c.ListOperation is not null && c.ItemOperation is not null))
        {
            var list = collection.ListOperation!;
            var (status, _, body, _) = await mock.SendAsync(mock.RequestFor(list));
            Assert.That(status, Is.EqualTo(200), $"{list.Id}: {body}");
            var items = Items(JsonNode.Parse(body)!);
            Assert.That(items, Is.Not.Empty, $"{list.Id} lists items");
            var renderer = new ResourceRenderer(mock.World);
            var itemSchema = collection.ItemOperation!.SuccessResponses.First().Content[0].Schema!;
            var idProperty = renderer.IdProperty(itemSchema, collection);
            var listUrl = new Uri(mock.Server.BaseUrl + mock.RequestFor(list).RequestUri!.OriginalString).AbsolutePath;
            foreach (var item in items)
            {
                // Clients find an item by its _links.self, or by its id property where the schema has no links.
                var self = (item["_links"] as JsonObject)?["self"]?["href"]?.GetValue<string>()
                    ?? (idProperty is not null && item[idProperty] is JsonValue id ? $"{listUrl}/{id.GetValue<string>()}" : null);
                Assert.That(self, Is.Not.Null, $"{list.Id} item has _links.self or an id");
                var (itemStatus, _, itemBody, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, self));
                Assert.That(itemStatus, Is.EqualTo(200), self);
                Assert.That(JsonNode.DeepEquals(JsonNode.Parse(itemBody), item), Is.True, $"{self} equals the list item");
                checkedItems++;
            }
        }

        Assert.That(checkedItems, Is.GreaterThan(20));
    }

    [TestCaseSource(nameof(Documents))]
    public async Task An_unknown_id_answers_404_with_a_valid_xError_body(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var xError = Specs.Embedded.Schemas["xError"];
        foreach (var operation in mock.Document.Operations.Where(o => o.PathParameters.Any()))
        {
            var last = new PathTemplate(operation.Path).Parameters[^1];
            var (status, contentType, body, _) = await mock.SendAsync(mock.RequestFor(operation, overrides: new Dictionary<string, string> { [last] = "0000unknown0000" }));

            Assert.That(status, Is.EqualTo(404), $"{operation.Id}: {body}");
            Assert.That(contentType, Is.EqualTo("application/json"));
            Assert.That(Specs.Embedded.Validator.Validate(xError, body).IsValid, Is.True, body);
            Assert.That(JsonNode.Parse(body)!["debug"]!.GetValue<string>(), Does.StartWith("ERROR_"));
        }
    }

    [TestCaseSource(nameof(Documents))]
    public async Task Every_link_the_server_returns_answers_200(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var pending = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in mock.Document.Operations.Where(o => o.Method == "GET"))
        {
            var (_, _, body, _) = await mock.SendAsync(mock.RequestFor(operation));
            Enqueue(body, pending, seen);
        }

        var followed = 0;
        while (pending.Count > 0 && followed < 600)
        {
            var href = pending.Dequeue();
            var (status, _, body, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, href));
            if (spec == Specs.Published && status == 400 && LinkExceptions.Any(e => href.Contains(e.Path, StringComparison.Ordinal) && body.Contains(e.Because, StringComparison.Ordinal)))
            {
                continue;
            }

            Assert.That(status, Is.EqualTo(200), $"{href}: {body}");
            Assert.That(href, Does.StartWith(mock.Server.BaseUrl), "links use the scheme, host and port of the request");
            Enqueue(body, pending, seen);
            followed++;
        }

        Assert.That(followed, Is.GreaterThan(50));
    }

    [Test]
    public async Task Links_use_the_host_the_client_called()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Host = "cars.example.test:9999";

        var (_, _, body, _) = await mock.SendAsync(request);

        Assert.That(JsonNode.Parse(body)!["_links"]!["self"]!["href"]!.GetValue<string>(), Does.StartWith("http://cars.example.test:9999/api/connectedcar/v1/accounts/vehicles"));
    }

    [Test]
    public async Task A_vehicle_looks_the_same_on_every_endpoint()
    {
        await using var mock = await RunningMock.StartAsync();
        var vehicle = JsonNode.Parse((await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicleByid")))).Body)!;
        var capability = JsonNode.Parse((await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicleCapabilityByid")))).Body)!;

        Assert.That(capability["vin"]!.GetValue<string>(), Is.EqualTo(vehicle["vin"]!.GetValue<string>()));
        Assert.That(capability["motorization"]?.GetValue<string>(), Is.EqualTo(vehicle["motorization"]?.GetValue<string>()));
    }

    // Documented exceptions: links that cannot answer 200 because of the published document itself.
    private static readonly (string Path, string Because)[] LinkExceptions =
    [
        ("/trips", "query parameter 'type' is required"), // published marks the trip filter required; ours does not
    ];

    internal static List<JsonObject> Items(JsonNode body) =>
        (body["_embedded"] as JsonObject)?.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault()?.OfType<JsonObject>().ToList() ?? [];

    private static void Enqueue(string body, Queue<string> pending, HashSet<string> seen)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return;
        }

        foreach (var href in Hrefs(node))
        {
            if (seen.Add(href))
            {
                pending.Enqueue(href);
            }
        }
    }

    private static IEnumerable<string> Hrefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "href" && value is JsonValue v && v.TryGetValue<string>(out var href))
                    {
                        yield return href;
                    }

                    foreach (var inner in Hrefs(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(Hrefs))
                {
                    yield return inner;
                }

                break;
        }
    }
}
