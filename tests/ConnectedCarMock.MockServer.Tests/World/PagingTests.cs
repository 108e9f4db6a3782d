using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.World;

public class PagingTests
{
    private static async Task<(RunningMock Mock, string Url)> TripsOfFirstVehicle()
    {
        var mock = await RunningMock.StartAsync(worldSize: 3);
        var vehicles = mock.World.Model.ByList("/accounts/vehicles")!;
        var vehicle = mock.World.IdsOf(vehicles, new Dictionary<string, string>())[0];
        return (mock, $"/api/connectedcar/v1/accounts/vehicles/{vehicle}/trips");
    }

    [Test]
    public async Task Following_next_links_visits_every_item_once_and_ends()
    {
        var (mock, url) = await TripsOfFirstVehicle();
        await using var _ = mock;
        var all = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url))).Body)!;
        var expected = WorldConsistencyTests.Items(all).Select(i => i["id"]!.GetValue<string>()).ToList();

        var seen = new List<string>();
        string? next = url + "?pageSize=2";
        var pages = 0;
        while (next is not null && pages < 20)
        {
            var page = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, next))).Body)!;
            seen.AddRange(WorldConsistencyTests.Items(page).Select(i => i["id"]!.GetValue<string>()));
            Assert.That(page["currentPage"]!.GetValue<int>(), Is.EqualTo(pages + 1));
            next = page["_links"]?["next"]?["href"]?.GetValue<string>();
            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(expected));
            Assert.That(pages, Is.EqualTo((expected.Count + 1) / 2));
            Assert.That(all["total"]!.GetValue<int>(), Is.EqualTo(expected.Count));
        });
    }

    [Test]
    public async Task The_prev_link_goes_back_one_page()
    {
        var (mock, url) = await TripsOfFirstVehicle();
        await using var _ = mock;
        var first = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url + "?pageSize=1"))).Body)!;
        var second = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, first["_links"]!["next"]!["href"]!.GetValue<string>()))).Body)!;
        var back = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, second["_links"]!["prev"]!["href"]!.GetValue<string>()))).Body)!;

        Assert.That(first["_links"]!["prev"], Is.Null);
        Assert.That(JsonNode.DeepEquals(WorldConsistencyTests.Items(back)[0], WorldConsistencyTests.Items(first)[0]), Is.True);
    }

    [Test]
    public async Task Index_range_selects_items_by_position()
    {
        var (mock, url) = await TripsOfFirstVehicle();
        await using var _ = mock;
        var all = WorldConsistencyTests.Items(JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url))).Body)!);
        var range = WorldConsistencyTests.Items(JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url + "?indexRange=1-2"))).Body)!);

        Assert.That(range.Select(i => i["id"]!.ToJsonString()), Is.EqualTo(all.Skip(1).Take(2).Select(i => i["id"]!.ToJsonString())));
    }

    [TestCase("pageSize=0")]
    [TestCase("pageSize=501")]
    [TestCase("pageSize=ten")]
    [TestCase("pageToken=not-a-token")]
    [TestCase("pageToken=MC4wMDAwMDAwMDAw")]
    [TestCase("indexRange=5")]
    [TestCase("indexRange=9-2")]
    [TestCase("indexRange=a-b")]
    public async Task Invalid_paging_values_answer_400_with_xError(string query)
    {
        var (mock, url) = await TripsOfFirstVehicle();
        await using var _ = mock;

        var (status, contentType, body, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url + "?" + query));

        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(contentType, Is.EqualTo("application/json"));
        Assert.That(Specs.Embedded.Validator.Validate(Specs.Embedded.Schemas["xError"], body).IsValid, Is.True);
    }

    [Test]
    public async Task A_page_token_of_another_list_is_refused()
    {
        var (mock, url) = await TripsOfFirstVehicle();
        await using var _ = mock;
        var page = JsonNode.Parse((await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, url + "?pageSize=1"))).Body)!;
        var token = new Uri(page["_links"]!["next"]!["href"]!.GetValue<string>()).Query.Split("pageToken=")[1];

        var (status, _, _, _) = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/vehicles?pageToken=" + token));

        Assert.That(status, Is.EqualTo(400));
    }
}
