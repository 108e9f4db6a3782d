using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>Faults on demand, for testing how clients handle errors, delays and dropped connections.</summary>
public class FaultInjectionTests
{
    [TestCase(503)]
    [TestCase(500)]
    [TestCase(501)]
    public async Task A_fault_header_answers_the_status_with_a_valid_xError(int status)
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Add(RequestPipeline.FaultHeader, $"status={status}");

        var (actual, contentType, body, response) = await mock.SendAsync(request);

        Assert.That(actual, Is.EqualTo(status));
        Assert.That(contentType, Is.EqualTo("application/json"));
        Assert.That(Specs.Embedded.Validator.Validate(Specs.Embedded.Schemas["xError"], body).IsValid, Is.True);
        Assert.That(response.Headers.GetValues(RequestPipeline.FaultAppliedHeader).Single(), Is.EqualTo($"status={status}"));
    }

    [Test]
    public async Task A_delay_fault_holds_the_answer_back()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Add(RequestPipeline.FaultHeader, "delay=300ms");

        var watch = Stopwatch.StartNew();
        var (status, _, _, _) = await mock.SendAsync(request);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    public async Task A_reset_fault_drops_the_connection()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Add(RequestPipeline.FaultHeader, "reset");

        Assert.ThrowsAsync<HttpRequestException>(() => mock.Http.SendAsync(request));
    }

    [Test]
    public async Task A_global_plan_set_through_the_admin_endpoint_applies_and_is_journaled()
    {
        await using var mock = await RunningMock.StartAsync();
        var set = await mock.Http.PostAsync(ConnectedCarMockServer.FaultsPath, new StringContent("status=503;probability=1", Encoding.UTF8));
        var faulted = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicles")));
        await mock.Http.DeleteAsync(ConnectedCarMockServer.FaultsPath);
        var normal = await mock.SendAsync(mock.RequestFor(mock.Document.GetOperation("getVehicles")));
        var journal = JsonNode.Parse(await mock.Http.GetStringAsync("/__admin/requests"))!.AsArray();

        Assert.That((int)set.StatusCode, Is.EqualTo(204));
        Assert.That(faulted.Status, Is.EqualTo(503));
        Assert.That(normal.Status, Is.EqualTo(200));
        Assert.That(journal.ToJsonString(), Does.Contain(RequestPipeline.FaultAppliedHeader));
    }

    [TestCase("status=200")]
    [TestCase("delay=forever")]
    [TestCase("explode")]
    public async Task An_invalid_fault_request_is_a_400(string fault)
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicles"));
        request.Headers.Add(RequestPipeline.FaultHeader, fault);

        Assert.That((await mock.SendAsync(request)).Status, Is.EqualTo(400));
    }
}
