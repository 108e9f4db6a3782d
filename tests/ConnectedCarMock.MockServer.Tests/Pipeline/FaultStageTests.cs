using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The fault stage alone: the header parsed in one place, the global plan drawn from the snapshot.</summary>
public class FaultStageTests
{
    private static RequestContext Vehicles(string? fault = null, FaultPlan? global = null) =>
        Routed(Request("GET", Api + "/accounts/vehicles", headers: fault is null ? [] : [(RequestPipeline.FaultHeader, fault)]), RuntimeSettings.Default with { Faults = global });

    [TestCase(503, "SERVICE_UNAVAILABLE")]
    [TestCase(429, "TOO_MANY_REQUESTS")]
    [TestCase(418, "INJECTED_FAULT")]
    public async Task A_status_fault_is_an_error_body_that_says_it_was_injected(int status, string name)
    {
        var response = await new FaultStage(Cache<string, (FaultPlan?, string?)>()).RunAsync(Vehicles($"status={status}"));

        AssertError(response, status, "fault injected");
        Assert.That(response!.BodyText, Does.Contain(name));
        Assert.That(response.Headers, Has.Member(new KeyValuePair<string, string>(RequestPipeline.FaultAppliedHeader, $"status={status}")));
    }

    [TestCase("status=200")]
    [TestCase("delay=forever")]
    [TestCase("explode")]
    public async Task An_invalid_header_is_a_400(string fault)
    {
        AssertError(await new FaultStage(Cache<string, (FaultPlan?, string?)>()).RunAsync(Vehicles(fault)), 400, RequestPipeline.FaultHeader);
    }

    [Test]
    public async Task Reset_asks_the_host_to_drop_the_connection()
    {
        var response = await new FaultStage(Cache<string, (FaultPlan?, string?)>()).RunAsync(Vehicles("reset"));

        Assert.That(response!.Abort, Is.True);
    }

    [Test]
    public async Task A_delay_alone_waits_and_lets_the_request_go_on()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await new FaultStage(Cache<string, (FaultPlan?, string?)>()).RunAsync(Vehicles("delay=50ms"));

        Assert.That(response, Is.Null);
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)));
    }

    [TestCase(0.05, true)]
    [TestCase(0.5, false)]
    public async Task The_global_plan_applies_when_the_draw_is_under_its_probability(double draw, bool applies)
    {
        var global = new FaultPlan { Status = 503, Probability = 0.1 };
        var stage = new FaultStage(Cache<string, (FaultPlan?, string?)>(), () => draw);

        var response = await stage.RunAsync(Vehicles(global: global));

        Assert.That(response?.Status, Is.EqualTo(applies ? 503 : (int?)null));
    }

    [Test]
    public async Task A_header_value_is_parsed_once_however_often_it_is_sent()
    {
        var parsed = Cache<string, (FaultPlan?, string?)>();
        var stage = new FaultStage(parsed);

        for (var i = 0; i < 5; i++)
        {
            await stage.RunAsync(Vehicles("status=503"));
        }

        Assert.That(parsed.Count, Is.EqualTo(1));
    }
}
