using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.AnyDocument;

/// <summary>Resources as clients change them, on our document and the published one: status updates, create then read, links, numbers.</summary>
public class ResourceStateTests
{
    public static IEnumerable<TestCaseData> Both() => Specs.Names.Select(s => new TestCaseData(s).SetArgDisplayNames(s));

    private static string Channel(RunningMock mock) => mock.World.IdsOf(mock.World.Model.ByList("/accounts/channels")!, new Dictionary<string, string>())[0];

    private static string Vehicle(RunningMock mock) => mock.World.IdsOf(mock.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    [TestCaseSource(nameof(Both))]
    public async Task A_status_update_answers_with_the_resources_id_and_the_status_set_and_the_next_read_shows_it(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var channel = Channel(mock);
        var path = $"/api/connectedcar/v1/accounts/channels/{channel}";

        var (status, _, body, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Put, path + "/status") { Content = Json("""{"status":"Running"}""") });
        var answer = JsonNode.Parse(body)!;
        var read = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, path))).Body)!;
        var other = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Put, path + "/status") { Content = Json("""{"status":"Paused"}""") })).Body)!;

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(202));
            Assert.That(answer["channelId"]!.GetValue<string>(), Is.EqualTo(channel));
            Assert.That(answer["status"]!.GetValue<string>(), Is.EqualTo("Running"));
            Assert.That(StatusOf(read), Is.EqualTo("Running"), read.ToJsonString());
            Assert.That(other["status"]!.GetValue<string>(), Is.EqualTo("Paused"));
        });
    }

    // The channel's run status, wherever its schema keeps it.
    private static string? StatusOf(JsonNode? node) => node switch
    {
        JsonObject obj when obj["status"] is JsonValue value && value.TryGetValue<string>(out var text) => text,
        JsonObject obj => obj.Select(p => StatusOf(p.Value)).FirstOrDefault(s => s is not null),
        _ => null,
    };

    [TestCaseSource(nameof(Both))]
    public async Task The_answer_to_a_create_equals_the_read_that_follows(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var create = mock.RequestFor(mock.Document.GetOperation("postChannels"));

        var (status, _, body, response) = await mock.SendAsync(create);
        var created = JsonNode.Parse(body)!.AsObject();
        var read = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, response.Headers.Location))).Body)!.AsObject();

        Assert.That(status, Is.EqualTo(mock.Document.GetOperation("postChannels").SuccessResponses.First().Code));
        var shared = created.Where(p => p.Key != "_links" && read.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        Assert.That(shared, Is.Not.Empty);
        foreach (var key in shared)
        {
            Assert.That(JsonNode.DeepEquals(created[key], read[key]), Is.True, $"{key}: created {created[key]?.ToJsonString()}, read {read[key]?.ToJsonString()}");
        }
    }

    [Test]
    public async Task The_published_documents_trips_link_answers_200()
    {
        await using var mock = await RunningMock.StartAsync(Specs.Published);

        var vehicle = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/connectedcar/v1/accounts/vehicles/{Vehicle(mock)}"))).Body)!;
        var trips = vehicle["_links"]!["trips"]!["href"]!.GetValue<string>();
        var (status, _, body, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, trips));

        Assert.That(trips, Does.Contain("type="));
        Assert.That(status, Is.EqualTo(200), body);
    }

    [TestCase("1e29", 200)]
    [TestCase("7.9e28", 200)]
    [TestCase("3.4e38", 200)]
    [TestCase("1e39", 400)]
    [TestCase("0.25", 200)]
    public async Task The_published_float_tolerance_takes_every_float(string tolerance, int expected)
    {
        await using var mock = await RunningMock.StartAsync(Specs.Published);
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicleTripPath"));
        request.RequestUri = new Uri(request.RequestUri!.OriginalString + (request.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "tolerance=" + tolerance, UriKind.Relative);

        var (status, _, body, _) = await mock.SendAsync(request);

        Assert.That(status, Is.EqualTo(expected), body);
    }
}
