using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.State;

/// <summary>Channels, monitors and remotes: created, read, updated and deleted like the real API.</summary>
public class StatefulResourceTests
{
    public static IEnumerable<TestCaseData> Lifecycles()
    {
        yield return new TestCaseData("postChannels", "getChannelsById", "putChannelsById", "deleteChannelsById").SetName("channel lifecycle");
        yield return new TestCaseData("postVehicleMonitors", "getVehicleMonitorByID", "putVehicleMonitors", "deleteVehicleMonitorByID").SetName("monitor lifecycle");
        yield return new TestCaseData("sendVehicleRemotes", "getVehicleRemoteById", null, null).SetName("remote lifecycle");
    }

    [TestCaseSource(nameof(Lifecycles))]
    public async Task Create_read_update_delete_then_404(string create, string read, string? update, string? delete)
    {
        await using var mock = await RunningMock.StartAsync();
        var created = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation(create)));
        Assert.That(created.Status, Is.EqualTo(202), created.Body);
        var location = created.Response.Headers.Location!.ToString();
        var id = location.Split('/')[^1];
        Assert.That(created.Body, Does.Contain(id), "the answer carries the new id");

        var readBack = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, location));
        Assert.That(readBack.Status, Is.EqualTo(200), readBack.Body);
        var readSchema = mock.Document.GetOperation(read).SuccessResponses.First().Content[0].Schema!;
        Assert.That(mock.Document.Validator.Validate(readSchema, readBack.Body).IsValid, Is.True);

        var listed = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, location[..location.LastIndexOf('/')]));
        Assert.That(listed.Body, Does.Contain(id), "the list shows the new item");

        if (update is not null)
        {
            var put = mock.RequestFor(mock.Document.GetOperation(update), seed: 7, overrides: Ids(mock, mock.Document.GetOperation(update).Path, location));
            var updated = await mock.SendAsync(put);
            Assert.That(updated.Status, Is.EqualTo(202), updated.Body);
        }

        if (delete is not null)
        {
            var deleted = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location));
            Assert.That(deleted.Status, Is.EqualTo(204));
            Assert.That(deleted.Body, Is.Empty);
            var gone = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, location));
            Assert.That(gone.Status, Is.EqualTo(404));
            var again = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location));
            Assert.That(again.Status, Is.EqualTo(404));
        }
    }

    [Test]
    public async Task What_a_client_sent_shows_in_later_reads()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("postChannels"));
        var sent = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;
        var created = await mock.SendAsync(request);

        var read = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, created.Response.Headers.Location))).Body)!;

        // A channel keeps what was sent under "subscribe"; every property sent is read back unchanged.
        var holder = read["subscribe"]!.AsObject();
        Assert.That(sent.AsObject().Select(p => p.Key), Is.Not.Empty);
        foreach (var (key, value) in sent.AsObject())
        {
            Assert.That(JsonNode.DeepEquals(holder[key], value), Is.True, $"{key}: sent {value?.ToJsonString()}, read {holder[key]?.ToJsonString()}");
        }
    }

    [Test]
    public async Task Fifty_concurrent_creates_lose_and_duplicate_no_id()
    {
        await using var mock = await RunningMock.StartAsync();
        var operation = mock.Document.GetOperation("postChannels");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => mock.SendAsync(mock.RequestFor(operation, seed: i))));

        var ids = results.Select(r => r.Response.Headers.Location!.ToString().Split('/')[^1]).ToList();
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(202));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(50));
        var list = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/channels?pageSize=500"));
        Assert.That(ids.Where(id => !list.Body.Contains(id, StringComparison.Ordinal)), Is.Empty, "every created channel is listed");
    }

    [Test]
    public async Task Reset_forgets_what_clients_created()
    {
        await using var mock = await RunningMock.StartAsync();
        var created = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("postChannels")));
        var location = created.Response.Headers.Location!;

        var reset = await mock.Http.PostAsync(ConnectedCarMockServer.ResetPath, new StringContent(string.Empty, Encoding.UTF8));
        var after = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, location));

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.Status, Is.EqualTo(404));
    }

    private static Dictionary<string, string> Ids(RunningMock mock, string template, string location)
    {
        var names = new Fixtures.World.PathTemplate(template).Parameters;
        var segments = new Uri(location).AbsolutePath[mock.Document.BasePath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = new Fixtures.World.PathTemplate(template).Segments.Select((s, i) => (s, i)).Where(p => Fixtures.World.PathTemplate.IsParameter(p.s));
        return values.ToDictionary(p => p.s[1..^1], p => segments[p.i], StringComparer.Ordinal);
    }
}
