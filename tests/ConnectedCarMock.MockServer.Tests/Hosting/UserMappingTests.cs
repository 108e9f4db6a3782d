using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Hosting;

/// <summary>
/// Mappings users add to WireMock win over the spec-driven answers of the fast path, from the next
/// request on, whether posted to <c>/__admin/mappings</c> or added in-process; removing them restores
/// the spec-driven answer.
/// </summary>
public class UserMappingTests
{
    private const string Vehicles = "/api/connectedcar/v1/accounts/vehicles";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task The_mapping_of_the_report_is_accepted_and_answered()
    {
        await using var mock = await RunningMock.StartAsync();

        var added = await mock.Anonymous.PostAsync("/__admin/mappings", Json("{\"Request\":{\"Path\":\"/x2\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":200,\"BodyAsJson\":{\"vin\":\"U2\"}}}"));
        var answer = await mock.Anonymous.GetAsync("/x2");

        Assert.That((int)added.StatusCode, Is.EqualTo(201), await added.Content.ReadAsStringAsync());
        Assert.That((int)answer.StatusCode, Is.EqualTo(200));
        Assert.That(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["vin"]!.GetValue<string>(), Is.EqualTo("U2"));
    }

    [Test]
    public async Task A_posted_mapping_overrides_the_spec_driven_answer_on_the_next_request_and_its_removal_restores_it()
    {
        await using var mock = await RunningMock.StartAsync();
        var before = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));

        var added = await mock.Anonymous.PostAsync("/__admin/mappings", Json($"{{\"Request\":{{\"Path\":\"{Vehicles}\",\"Methods\":[\"GET\"]}},\"Response\":{{\"StatusCode\":200,\"BodyAsJson\":{{\"vin\":\"OVERRIDDEN\"}}}}}}"));
        var guid = JsonNode.Parse(await added.Content.ReadAsStringAsync())!["Guid"]!.GetValue<string>();
        var overridden = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));
        var otherPath = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles + "?pageSize=1"));
        var otherMethod = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Vehicles));
        await mock.Anonymous.DeleteAsync("/__admin/mappings/" + guid);
        var after = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));

        Assert.That(before.Body, Does.Contain("_embedded"));
        Assert.That(overridden.Body, Does.Contain("OVERRIDDEN"));
        Assert.That(otherPath.Body, Does.Contain("OVERRIDDEN"), "WireMock's path matcher ignores the query");
        Assert.That(otherMethod.Status, Is.EqualTo(405), "a request the mapping does not match stays spec-driven");
        Assert.That(after.Body, Is.EqualTo(before.Body));
    }

    [Test]
    public async Task A_mapping_added_in_process_wins_and_a_reset_of_mappings_restores_the_spec()
    {
        await using var mock = await RunningMock.StartAsync();
        var handle = mock.Server.WireMock;

        handle.WithMapping($"{{\"Request\":{{\"Path\":\"{Vehicles}\",\"Methods\":[\"GET\"]}},\"Response\":{{\"StatusCode\":418,\"Body\":\"teapot\"}}}}");
        var overridden = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));
        handle.ResetMappings();
        var restored = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));
        var reset = await mock.Anonymous.DeleteAsync("/__admin/mappings");
        await mock.Anonymous.PostAsync("/__admin/mappings", Json("{\"Request\":{\"Path\":\"/x3\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":200,\"Body\":\"x3\"}}"));
        var afterAdminReset = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));
        var added = await mock.Anonymous.GetStringAsync("/x3");

        Assert.That(overridden.Status, Is.EqualTo(418));
        Assert.That(restored.Status, Is.EqualTo(200));
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterAdminReset.Status, Is.EqualTo(200));
        Assert.That(added, Is.EqualTo("x3"));
        Assert.That(mock.Server.WireMock.MappingModels, Has.Count.EqualTo(2), "the user's mapping and the restored catch-all");
    }

    [Test]
    public async Task While_user_mappings_exist_unmatched_requests_keep_every_behaviour_of_the_fast_path()
    {
        await using var mock = await RunningMock.StartAsync();
        await mock.Anonymous.PostAsync("/__admin/mappings", Json("{\"Request\":{\"Path\":\"/x2\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":200}}"));

        var list = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, Vehicles));
        var emptyKey = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/channels?="));
        var created = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("postChannels")));
        var reset = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        reset.Headers.Add(MockServer.Pipeline.RequestPipeline.FaultHeader, "reset");

        Assert.That(list.Status, Is.EqualTo(200));
        Assert.That(emptyKey.Status, Is.EqualTo(200), emptyKey.Body);
        Assert.That(created.Status, Is.EqualTo(202), created.Body);
        Assert.ThrowsAsync<HttpRequestException>(() => mock.Http.SendAsync(reset));
    }

    [Test]
    public async Task A_mapping_on_an_empty_query_key_path_never_reaches_WireMocks_query_parser()
    {
        await using var mock = await RunningMock.StartAsync();
        await mock.Anonymous.PostAsync("/__admin/mappings", Json("{\"Request\":{\"Path\":\"/api/connectedcar/v1/accounts/channels\",\"Methods\":[\"GET\"]},\"Response\":{\"StatusCode\":200,\"Body\":\"mapped\"}}"));

        var plain = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/channels"));
        var emptyKey = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/channels?="));

        Assert.That(plain.Body, Is.EqualTo("mapped"));
        Assert.That(emptyKey.Status, Is.LessThan(500), emptyKey.Body);
        Assert.That(emptyKey.Body, Does.Not.Contain("Exception"));
    }
}
