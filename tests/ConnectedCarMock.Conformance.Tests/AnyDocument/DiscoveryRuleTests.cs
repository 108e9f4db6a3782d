using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.AnyDocument;

/// <summary>
/// Each way the runner finds a path parameter's value (<c>Runner/ItemValues.cs</c>, <c>Runner/Discovery*.cs</c>), on a small
/// document of the shape that needs it, against the running mock: the operation runs and passes, nothing is left that
/// could not run, and the value it used is the one the rule reads from the mock's answers.
/// </summary>
public class DiscoveryRuleTests
{
    public static IEnumerable<TestCaseData> Rules() => DiscoveryRuleCases.All.Select(c => new TestCaseData(c).SetName($"discovery › {c.Name}"));

    [TestCaseSource(nameof(Rules))]
    public async Task The_runner_finds_the_value_and_passes_the_mock(DiscoveryRuleCase rule)
    {
        var document = SpecLoader.Parse(rule.Document, "rule.yaml");
        await using var mock = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } });

        var report = await ConformanceRunner.RunAsync(new ConformanceOptions { Target = mock.ApiUrl, Document = document });
        var success = report.Cases.Single(c => c.OperationId == rule.OperationId && c.CheckId == "status.success");

        Assert.Multiple(() =>
        {
            Assert.That(report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
            Assert.That(report.NotRun, Is.Zero, string.Join("; ", report.Cases.Where(c => c.CouldNotRun).Select(c => c.Message).Distinct()));
            Assert.That(success.Outcome, Is.EqualTo(CaseOutcome.Passed), success.Message);
        });

        var template = new PathTemplate(document.Operations.Single(o => o.Id == rule.OperationId).Path);
        var used = UsedValues(template, success, mock.ApiUrl);
        using var http = new HttpClient();
        foreach (var (parameter, source) in rule.Expected)
        {
            var readable = await source(http, mock.ApiUrl, used);
            Assert.That(used[parameter], Is.AnyOf([.. readable]), $"{parameter}: the value the rule reads from the mock");
        }
    }

    /// <summary>The path values of the request the case sent (its first exchange), read back from its URL.</summary>
    private static IReadOnlyDictionary<string, string> UsedValues(PathTemplate template, CaseResult result, string apiUrl)
    {
        var url = result.Exchanges.First(e => e.Method == result.Method).Url;
        var path = new Uri(url).AbsolutePath[new Uri(apiUrl).AbsolutePath.TrimEnd('/').Length..];
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToList();
        return template.Match(segments) ?? throw new AssertionException($"{url} is not a request to {template}");
    }

    /// <summary>Values at a property path of every item of a list the mock answers (the list path takes values already used).</summary>
    internal static ReadValues Listed(string list, params string[] property) =>
        async (http, api, used) =>
        {
            var path = new PathTemplate(list).Expand(used) ?? list;
            var body = JsonNode.Parse(await http.GetStringAsync(api + path));
            var items = body as JsonArray ?? (body as JsonObject)?.Select(p => p.Value).OfType<JsonArray>().First() ?? [];
            return items.Select(item => property.Aggregate(item, (node, name) => node?[name])).OfType<JsonValue>().Select(v => v.ToString()).ToList();
        };

    /// <summary>The last segment of the links every item of a list carries at a property path.</summary>
    internal static ReadValues Linked(string list, params string[] property) =>
        async (http, api, used) => (await Listed(list, property)(http, api, used)).Select(href => Uri.UnescapeDataString(new Uri(href).Segments[^1])).ToList();

    internal static ReadValues Given(string value) =>
        (_, _, _) => Task.FromResult<IReadOnlyList<string>>([value]);
}
