using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests;

/// <summary>
/// Proof that the runner catches defects: the mock with one defect each (through its test-only
/// interceptor) must fail the check meant for that defect.
/// </summary>
public class DefectCatalogueTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Defects.All.Select(d => new TestCaseData(d.Name).SetName($"{d.Name} is caught by {d.CheckId}"));

    [Test]
    public void The_catalogue_has_at_least_fifteen_defects_and_covers_every_check()
    {
        Assert.That(Defects.All, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(CheckCatalog.All.Select(c => c.Id).Except(Defects.All.Select(d => d.CheckId)), Is.Empty, "checks no defect proves");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_defective_implementation_fails_the_check_meant_for_it(string name)
    {
        var defect = Defects.All.Single(d => d.Name == name);
        await using var mock = await MockTarget.StartAsync(Specs.Ours, defect.Create(new DefectTools(Specs.Embedded)));

        var report = await ConformanceRunner.RunAsync(mock.Options());

        var failing = report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).ToList();
        TestContext.Out.WriteLine($"{defect.Name}: {defect.What}");
        foreach (var group in failing.GroupBy(c => c.CheckId))
        {
            TestContext.Out.WriteLine($"  {group.Key}: {group.Count()} failed, e.g. {group.First().Name}: {group.First().Message}");
        }

        Assert.That(failing.Where(c => c.CheckId == defect.CheckId), Is.Not.Empty, $"{defect.CheckId} did not catch '{defect.Name}'");
    }
}
