using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using ConnectedCarMock.Conformance.Cli;
using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests.Cli;

/// <summary><c>connectedcar-conformance</c>: exit 0 when every case passed, 1 when one failed, 2 for usage, document or connection errors.</summary>
public class CommandLineTests
{
    [Test]
    public async Task Checks_lists_every_check_with_what_it_asserts()
    {
        var (exit, output, _) = await RunAsync("checks");

        Assert.That(exit, Is.Zero);
        foreach (var check in CheckCatalog.All)
        {
            Assert.That(output, Does.Contain(check.Id).And.Contain(check.Description));
        }
    }

    [Test]
    public async Task A_run_against_the_clean_mock_exits_0_and_writes_every_report()
    {
        await using var mock = await MockTarget.StartAsync();
        var folder = Directory.CreateTempSubdirectory("conformance-cli-");
        var junit = Path.Combine(folder.FullName, "junit.xml");

        var (exit, output, error) = await RunAsync("run", "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl, "--parallel", "4",
            "--junit", junit, "--json", Path.Combine(folder.FullName, "report.json"), "--html", Path.Combine(folder.FullName, "report.html"));

        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output, Does.Match(@"738 cases, \d+ executed: \d+ passed, 0 failed, 0 errors, \d+ skipped"));
        Assert.That(output, Does.Contain("auth.insufficient-scope"), "the summary table lists every check");
        Assert.That((int)XDocument.Load(junit).Root!.Attribute("tests")!, Is.EqualTo(738));
        Assert.That(File.Exists(Path.Combine(folder.FullName, "report.json")) && File.Exists(Path.Combine(folder.FullName, "report.html")), Is.True);
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task A_run_that_finds_a_defect_exits_1_and_names_the_failing_case()
    {
        var defect = Defects.All.Single(d => d.Name == FailingRuns.Defect);
        await using var mock = await MockTarget.StartAsync(Specs.Ours, defect.Create(new DefectTools(Specs.Embedded)));

        var (exit, output, error) = await RunAsync("run", "--target", mock.Server.ApiUrl, "--token-url", mock.TokenUrl,
            "--check", FailingRuns.Check, "--operation", "getVehicleByid,getVehicles");

        Assert.That(exit, Is.EqualTo(1), output + error);
        Assert.That(output, Does.Contain($"FAILED getVehicleByid › {FailingRuns.Check}: Content-Type application/json"));
    }

    [Test]
    public async Task An_unreachable_target_exits_2_with_one_line()
    {
        var closed = ClosedPort();

        var (exit, output, error) = await RunAsync("run", "--target", $"http://127.0.0.1:{closed}/api/connectedcar/v1", "--token-url", $"http://127.0.0.1:{closed}/oauth/token", "--timeout", "5");

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(Lines(error), Has.Count.EqualTo(1));
        Assert.That(error, Does.StartWith("connectedcar-conformance: cannot reach the token endpoint http://127.0.0.1:"));
    }

    [Test]
    public async Task An_unreachable_target_with_a_tokens_file_exits_2_with_one_line()
    {
        var tokens = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokens, """{"*": "token"}""");

        var (exit, _, error) = await RunAsync("run", "--target", $"http://127.0.0.1:{ClosedPort()}/api/connectedcar/v1", "--tokens", tokens, "--timeout", "5");

        File.Delete(tokens);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Lines(error), Has.Count.EqualTo(1));
        Assert.That(error, Does.StartWith("connectedcar-conformance: cannot connect to http://127.0.0.1:"));
    }

    [Test]
    public async Task A_document_that_does_not_load_exits_2_naming_the_file()
    {
        var spec = Path.GetTempFileName();
        await File.WriteAllTextAsync(spec, "openapi: 3.0.0\npaths: [not, a, map\n");

        var (exit, _, error) = await RunAsync("run", "--target", "http://127.0.0.1:9/api", "--token-url", "http://127.0.0.1:9/oauth/token", "--spec", spec);

        File.Delete(spec);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Lines(error), Has.Count.EqualTo(1));
        Assert.That(error, Does.Contain(Path.GetFileName(spec)));
    }

    [TestCase("run", "--token-url", "http://127.0.0.1:9/oauth/token", TestName = "Without --target the usage error exits 2")]
    [TestCase("run", "--target", "http://127.0.0.1:9/api", "--token-url", "http://127.0.0.1:9/t", "--check", "auth.nonsense", TestName = "An unknown check id exits 2")]
    [TestCase("run", "--target", "http://127.0.0.1:9/api", "--token-url", "http://127.0.0.1:9/t", "--operation", "noSuchOperation", TestName = "An unknown operation exits 2")]
    [TestCase("run", "--target", "http://127.0.0.1:9/api", "--token-url", "http://127.0.0.1:9/t", "--param", "chId", TestName = "A --param without a value exits 2")]
    [TestCase("run", "--target", "not a url", "--token-url", "http://127.0.0.1:9/t", TestName = "A target that is not a URL exits 2")]
    [TestCase("run", "--target", "http://127.0.0.1:9/api", TestName = "No token source for a secured document exits 2")]
    [TestCase("run", "--target", "http://127.0.0.1:9/api", "--token-url", "http://127.0.0.1:9/t", "--parallel", "0", TestName = "A parallelism below 1 exits 2")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("connectedcar-conformance: "));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ConformanceCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
