using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests.Runner;

/// <summary>Tokens from a file (scope set → token) for servers whose tokens come from elsewhere.</summary>
public class TokensFileTests
{
    [Test]
    public async Task Cases_whose_scope_set_the_file_lacks_are_skipped_naming_the_set()
    {
        await using var mock = await MockTarget.StartAsync();
        var tokens = new Dictionary<string, string>
        {
            ["*"] = mock.Server.MintToken(mock.Document.AllScopes),
            [""] = mock.Server.MintToken([]),
            ["data:telemetry data:vehicle"] = mock.Server.MintToken(["data:telemetry", "data:vehicle"]),
        };

        var report = await ConformanceRunner.RunAsync(mock.Options() with { TokenUrl = null, Tokens = tokens, Operations = ["getVehicleByid"] });

        var byCheck = report.Cases.ToDictionary(c => c.CheckId);
        Assert.That(report.Failed + report.Errors, Is.Zero, string.Join("; ", report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => c.Message)));
        Assert.That(byCheck["auth.no-scopes"].Outcome, Is.EqualTo(CaseOutcome.Passed));
        Assert.That(byCheck["status.success"].Outcome, Is.EqualTo(CaseOutcome.Passed));
        Assert.That(byCheck["auth.required-scope"].Outcome, Is.EqualTo(CaseOutcome.Skipped));
        Assert.That(byCheck["auth.required-scope"].Message, Is.EqualTo("the tokens file has no token for the scope set 'data:vehicle'"));
        Assert.That(byCheck["auth.insufficient-scope"].Outcome, Is.EqualTo(CaseOutcome.Skipped));
    }
}
