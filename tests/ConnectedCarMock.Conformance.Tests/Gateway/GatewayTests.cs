using ConnectedCarMock.Conformance.Tests.Support;
using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Conformance.Tests.Gateway;

/// <summary>An implementation behind a gateway (its links keep its own host and base path), and runs that tested too little.</summary>
public class GatewayTests
{
    [Test]
    public async Task Through_a_reverse_proxy_the_runner_executes_the_same_cases_as_a_direct_run()
    {
        await using var mock = await MockTarget.StartAsync();
        await using var proxy = ReverseProxy.Start("/gateway/cars", mock.Server.ApiUrl);

        var direct = await ConformanceRunner.RunAsync(mock.Options());
        var proxied = await ConformanceRunner.RunAsync(mock.Options() with { Target = proxy.ApiUrl });

        TestContext.Out.WriteLine($"direct: {direct.Executed} executed, {direct.NotRun} could not run; through {proxy.ApiUrl}: {proxied.Executed} executed, {proxied.NotRun} could not run, {proxy.Forwarded} requests forwarded");
        Assert.Multiple(() =>
        {
            Assert.That(proxy.Forwarded, Is.GreaterThan(proxied.Executed), "the run went through the proxy");
            Assert.That(Executed(proxied), Is.EqualTo(Executed(direct)));
            Assert.That(proxied.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(proxied.NotRun, Is.EqualTo(direct.NotRun));
        });
    }

    [Test]
    public async Task A_run_where_more_than_a_tenth_of_the_cases_that_apply_could_not_run_exits_1_unless_skips_are_allowed()
    {
        // An empty world: no list holds an id, so every case that needs one cannot run.
        await using var server = await ConnectedCarMockServer.StartAsync(Specs.Embedded, new MockServerOptions { Port = 0, WorldSize = 0 });
        var options = new ConformanceOptions { Target = server.ApiUrl, Document = MockTargetDocument(), TokenUrl = server.BaseUrl + "/oauth/token" };

        var strict = await ConformanceRunner.RunAsync(options);
        var allowed = await ConformanceRunner.RunAsync(options with { AllowSkips = true });

        TestContext.Out.WriteLine($"{strict.NotRun} of {strict.Applicable} applicable cases could not run; {strict.Failed} failed, {strict.Errors} errors");
        Assert.Multiple(() =>
        {
            Assert.That(strict.TooManyNotRun, Is.True);
            Assert.That(strict.Cases.Where(c => c.CouldNotRun).Select(c => c.Message), Has.All.Contains("--param").Or.Contains("credentials"));
            Assert.That(strict.ExitCode, Is.EqualTo(1));
            Assert.That(allowed.ExitCode, Is.EqualTo(allowed.Failed + allowed.Errors == 0 ? 0 : 1));
        });
    }

    private static Schemas.ApiDocument MockTargetDocument() => Schemas.SpecLoader.LoadEmbedded();

    private static List<string> Executed(ConformanceReport report) =>
        report.Cases.Where(c => c.IsExecuted).Select(c => $"{c.Name} {c.Outcome}").Order(StringComparer.Ordinal).ToList();
}
