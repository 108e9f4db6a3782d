using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Hosting;

/// <summary>Requests answered on the fast path are in WireMock's journal: over HTTP, in-process, bounded, and clearable.</summary>
public class JournalTests
{
    private static async Task<JsonArray> JournalAsync(RunningMock mock) =>
        JsonNode.Parse(await mock.Anonymous.GetStringAsync("/__admin/requests"))!.AsArray();

    [Test]
    public async Task Admin_requests_lists_fast_path_requests_with_their_answers()
    {
        await using var mock = await RunningMock.StartAsync();
        var vehicle = mock.RequestFor(mock.Document.GetOperation("getVehicleByid"));
        var path = vehicle.RequestUri!.OriginalString;
        await mock.SendAsync(vehicle);
        await mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/connectedcar/v1/accounts/nothing"), anonymous: true);

        var journal = await JournalAsync(mock);

        var served = journal.Single(e => e!["Request"]!["Path"]!.GetValue<string>() == path)!;
        Assert.That(served["Request"]!["Method"]!.GetValue<string>(), Is.EqualTo("GET"));
        Assert.That(served["Request"]!["Headers"]!["Authorization"]![0]!.GetValue<string>(), Does.StartWith("Bearer "));
        Assert.That(served["Response"]!["StatusCode"]!.GetValue<int>(), Is.EqualTo(200));
        Assert.That(served["Response"]!["Headers"]!["X-Mock-Seed"]![0]!.GetValue<string>(), Is.EqualTo(MockServerOptions.DefaultSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(journal.Select(e => e!["Response"]!["StatusCode"]!.GetValue<int>()), Does.Contain(404));
    }

    [Test]
    public async Task The_journal_keeps_the_last_journal_size_requests_in_order()
    {
        var server = await ConnectedCarMockServer.StartAsync(Specs.Embedded, new MockServerOptions { Port = 0, JournalSize = 10, Security = new() { Enabled = false } });
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        for (var i = 0; i < 25; i++)
        {
            await http.GetAsync($"/api/connectedcar/v1/accounts/vehicles?pageSize={i + 1}");
        }

        var journal = JsonNode.Parse(await http.GetStringAsync("/__admin/requests"))!.AsArray();

        var sizes = journal.Select(e => e!["Request"]!["Query"]!["pageSize"]![0]!.GetValue<string>()).ToList();
        Assert.That(sizes, Has.Count.EqualTo(10));
        Assert.That(sizes, Is.EquivalentTo(Enumerable.Range(16, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task In_process_the_log_entries_include_fast_path_requests_and_reset_clears_them()
    {
        await using var mock = await RunningMock.StartAsync();
        await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicles")));

        var before = mock.Server.WireMock.LogEntries.Count(e => e.RequestMessage?.Path == "/api/connectedcar/v1/accounts/vehicles");
        mock.Server.WireMock.ResetLogEntries();
        var after = mock.Server.WireMock.LogEntries.Count;
        await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicles")));
        await mock.Anonymous.DeleteAsync("/__admin/requests");
        var deleted = (await JournalAsync(mock)).Count;

        Assert.That(before, Is.EqualTo(1));
        Assert.That(after, Is.Zero);
        Assert.That(deleted, Is.Zero);
    }

    [Test]
    public async Task With_a_journal_size_of_zero_nothing_is_kept()
    {
        var server = await ConnectedCarMockServer.StartAsync(Specs.Embedded, new MockServerOptions { Port = 0, JournalSize = 0 });
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        await http.GetAsync("/api/connectedcar/v1/accounts/vehicles");

        Assert.That(server.WireMock.LogEntries, Is.Empty);
    }
}
