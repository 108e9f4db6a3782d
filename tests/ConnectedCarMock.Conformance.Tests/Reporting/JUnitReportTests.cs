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

    [Test]
    public void Emoji_survive_in_the_saved_file_while_lone_surrogates_and_control_characters_are_dropped()
    {
        // The runner and the Pact verifier share one writer (JUnitXml); this is the runner's path, through the file it saves.
        var failed = new CaseResult
        {
            OperationId = "getVehicleByid 🚗",
            Method = "GET",
            Path = "/accounts/vehicles/{id}",
            CheckId = "schema.response",
            Outcome = CaseOutcome.Failed,
            Message = "expected '🔋 64%' but was '\ud83d' (a lone surrogate)",
            Failures = ["name \u001b[31m🚙\u001b[0m is not a string"],
            Exchanges = [new Exchange("read", "GET", "http://mock/accounts/vehicles/1", 200, "application/hal+json", "{\"label\":\"𝄞 🔋\"}", new Dictionary<string, string>())],
        };
        var report = new ConformanceReport
        {
            Target = "http://mock",
            SpecSource = "ours.yaml",
            SpecTitle = "Connected Car 🚘",
            SpecVersion = "2.0.0",
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.FromSeconds(1),
            Cases = [failed],
        };
        var path = Path.Combine(Path.GetTempPath(), $"junit-emoji-{Guid.NewGuid():N}.xml");
        try
        {
            ReportFormats.SaveJUnit(report, path);

            var text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            var xml = XDocument.Parse(text);
            Assert.That((string)xml.Root!.Attribute("name")!, Is.EqualTo("connectedcar-conformance Connected Car 🚘"));
            var testCase = xml.Descendants("testcase").Single();
            Assert.That((string)testCase.Attribute("name")!, Is.EqualTo("getVehicleByid 🚗 › schema.response"));
            var failure = testCase.Element("failure")!;
            Assert.That((string)failure.Attribute("message")!, Is.EqualTo("expected '🔋 64%' but was '' (a lone surrogate)"));
            Assert.That(failure.Value, Does.Contain("- name [31m🚙[0m is not a string").And.Contain("body: {\"label\":\"𝄞 🔋\"}"));
            Assert.That(text, Does.Not.Contain("\u001b").And.Not.Contain("\ud83d'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static XDocument Parse(ConformanceReport report)
    {
        using var writer = new StringWriter();
        ReportFormats.WriteJUnit(report, writer);
        return XDocument.Parse(writer.ToString());
    }
}
