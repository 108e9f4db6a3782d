using System.Text.Json;

namespace ConnectedCarMock.MockServer.Tests.Cli;

public class SpecCommandTests
{
    private static string Corpus => Path.Combine(TestPaths.RepositoryRoot, "tests", "ConnectedCarMock.Schemas.Tests", "Malformed");

    public static IEnumerable<TestCaseData> MalformedFiles() =>
        Directory.GetFiles(Corpus).Order(StringComparer.Ordinal).Select(f => new TestCaseData(f).SetName($"spec › {Path.GetFileName(f)}"));

    [TestCaseSource(nameof(MalformedFiles))]
    public async Task A_malformed_document_exits_2_with_one_line_naming_the_file(string file)
    {
        var result = await CliRunner.RunAsync("spec", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.ErrorLines[0], Does.StartWith(file + ":"));
            Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task The_process_exit_code_is_2_for_a_malformed_document()
    {
        var result = await CliRunner.RunProcessAsync("spec", Path.Combine(Corpus, "ref-to-nowhere.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines.Single(), Does.Contain("points to nothing"));
    }

    [Test]
    public async Task Without_a_file_it_summarizes_the_embedded_document()
    {
        var result = await CliRunner.RunAsync("spec");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Output, Does.Contain("operations  41"));
        Assert.That(result.Output, Does.Contain("warnings    0"));
    }

    [Test]
    public async Task Json_output_has_operations_schemas_warnings_and_errors()
    {
        var result = await CliRunner.RunAsync("spec", TestPaths.RequirePublishedSpec(), "--json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(root.GetProperty("operations").GetInt32(), Is.EqualTo(41));
            Assert.That(root.GetProperty("schemas").GetInt32(), Is.EqualTo(318));
            Assert.That(root.GetProperty("warnings").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("errors").GetArrayLength(), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Json_output_of_a_malformed_document_lists_the_error()
    {
        var result = await CliRunner.RunAsync("spec", Path.Combine(Corpus, "no-paths.yaml"), "--json");

        using var json = JsonDocument.Parse(result.Output);
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(error.GetProperty("location").GetString(), Is.EqualTo("/paths"));
            Assert.That(error.GetProperty("reason").GetString(), Is.EqualTo("the document has no paths"));
        });
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("spec", "--no-such-option", "x");

        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [TestCase("spec", "--bogus")]
    [TestCase("generate", "--bogus")]
    [TestCase("generate", "-x")]
    public async Task An_unknown_option_in_place_of_the_argument_is_named_as_such(string command, string option)
    {
        var result = await CliRunner.RunAsync(command, option);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Some.EqualTo($"connectedcar-mock: Unrecognized command or argument '{option}'."));
        Assert.That(string.Join('\n', result.ErrorLines), Does.Not.Contain("not found").And.Not.Contain("no operation"));
    }
}
