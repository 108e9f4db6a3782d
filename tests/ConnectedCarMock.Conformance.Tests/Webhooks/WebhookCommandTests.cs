using System.Text.Json.Nodes;
using System.Xml.Linq;
using ConnectedCarMock.Conformance.Cli;
using ConnectedCarMock.Conformance.Webhooks;

namespace ConnectedCarMock.Conformance.Tests.Webhooks;

/// <summary><c>connectedcar-conformance webhook</c>: exit codes and the reports of <c>run</c>.</summary>
public class WebhookCommandTests
{
    [Test]
    public async Task A_correct_receiver_exits_0_and_every_report_is_written()
    {
        await using var receiver = WebhookReceiver.Start(new SampleReceiver().HandleAsync);
        var folder = Directory.CreateTempSubdirectory("conformance-webhook-");
        string In(string name) => Path.Combine(folder.FullName, name);

        var (exit, output, error) = await RunAsync("webhook", "--target", receiver.Url, "--effects-url", $"http://127.0.0.1:{receiver.Port}/effects",
            "--header", "Authorization: Bearer receiver-secret", "--timeout", "2", "--junit", In("junit.xml"), "--json", In("report.json"), "--html", In("report.html"));

        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output, Does.Match(@"42 cases, 42 executed: 42 passed, 0 failed, 0 errors, 0 skipped"));
        Assert.That(output, Does.Contain(WebhookChecks.Tolerant), "the summary table lists the webhook checks");
        var junit = XDocument.Load(In("junit.xml")).Root!;
        Assert.That((int)junit.Attribute("tests")!, Is.EqualTo(42));
        Assert.That(junit.Descendants("property").Where(p => (string?)p.Attribute("name") == "description").Select(p => (string?)p.Attribute("value")), Has.Some.Contains("tolerant reader"));
        var json = JsonNode.Parse(File.ReadAllText(In("report.json")))!;
        Assert.That(json.ToJsonString(), Does.Contain(WebhookChecks.Idempotent));
        Assert.That(File.ReadAllText(In("report.html")), Does.Contain("remote.done.failed").And.Contain("conformant"));
        Assert.That(receiver.Received.Where(r => r.Method == "POST").Select(r => r.Header("Authorization")), Is.All.EqualTo("Bearer receiver-secret"));
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task A_defective_receiver_exits_1_and_names_the_failing_case()
    {
        await using var receiver = WebhookReceiver.Start(new SampleReceiver { RejectsAlreadyDone = true }.HandleAsync);

        var (exit, output, error) = await RunAsync("webhook", "--target", receiver.Url, "--check", WebhookChecks.Valid);

        Assert.That(exit, Is.EqualTo(1), output + error);
        Assert.That(output, Does.Contain($"FAILED remote.done.already-done › {WebhookChecks.Valid}: 1 of 1: valid: answered 400"));
    }

    [TestCase("--target", "http://127.0.0.1:1/hooks", "cannot reach the receiver")]
    [TestCase("--target", "not-a-url", "--target must be an absolute http or https URL")]
    [TestCase("--check", "webhook.nope", "unknown check 'webhook.nope'")]
    public async Task Usage_and_connection_errors_exit_2_with_one_line(string option, string value, string message)
    {
        var args = option == "--target" ? new[] { "webhook", option, value } : ["webhook", "--target", "http://127.0.0.1:1/hooks", option, value];

        var (exit, _, error) = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain(message));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ConformanceCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
