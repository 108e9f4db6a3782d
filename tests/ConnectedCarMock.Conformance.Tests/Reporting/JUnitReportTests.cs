using System.Xml.Linq;
using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests.Reporting;

public class JUnitReportTests
{
    [Test]
    public async Task The_clean_run_parses_as_JUnit_XML_with_one_test_case_per_operation_and_check()
    {
        var report = await CleanRuns.ReportAsync(Specs.Ours);

        var xml = Parse(report);

        var root = xml.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        Assert.That((int)root.Attribute("tests")!, Is.EqualTo(report.Total));
        Assert.That((int)root.Attribute("failures")!, Is.Zero);
        Assert.That((int)root.Attribute("errors")!, Is.Zero);
        Assert.That((int)root.Attribute("skipped")!, Is.EqualTo(report.Skipped));
        var suites = root.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => (string)s.Attribute("name")!), Is.EqualTo(CheckCatalog.All.Select(c => c.Id)));
        var cases = suites.SelectMany(s => s.Elements("testcase")).ToList();
        Assert.That(cases, Has.Count.EqualTo(report.Total));
        Assert.That(cases.Select(c => (string)c.Attribute("name")!), Has.Member("getVehicleByid › auth.insufficient-scope"));
        Assert.That(cases.Count(c => c.Element("skipped") is not null), Is.EqualTo(report.Skipped));
        Assert.That(cases.Where(c => c.Element("skipped") is { } s && string.IsNullOrWhiteSpace((string?)s.Attribute("message"))), Is.Empty);
        foreach (var suite in suites)
        {
            Assert.That((int)suite.Attribute("tests")!, Is.EqualTo(suite.Elements("testcase").Count()), (string)suite.Attribute("name")!);
        }
    }

    [Test]
    public async Task A_failure_carries_the_request_the_status_and_a_body_excerpt()
    {
        var report = await FailingRuns.ReportAsync();

        var xml = Parse(report);

        var root = xml.Root!;
        Assert.That((int)root.Attribute("failures")!, Is.EqualTo(report.Failed).And.GreaterThan(0));
        var failure = root.Descendants("testcase")
            .Single(c => (string)c.Attribute("name")! == $"getVehicleByid › {FailingRuns.Check}")
            .Element("failure")!;
        Assert.That((string)failure.Attribute("message")!, Does.Contain("application/json").And.Contain("application/hal+json"));
        Assert.That(failure.Value, Does.Contain("GET http://").And.Contain("/accounts/vehicles/"));
        Assert.That(failure.Value, Does.Contain("status: 200"));
        Assert.That(failure.Value, Does.Contain("body: {"));
    }

    private static XDocument Parse(ConformanceReport report)
    {
        using var writer = new StringWriter();
        ReportFormats.WriteJUnit(report, writer);
        return XDocument.Parse(writer.ToString());
    }
}
