using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConnectedCarMock.Pact.Tests.Matchers;

/// <summary>
/// Every matcher, V3 and V4, round trip: the DSL declares it, the engine's mock serves the example to the
/// consumer and writes the pact, then the engine verifies the pact against a provider sending a value the
/// matcher accepts (passes) and one it rejects (fails). The spec check's reading of the rule
/// (<see cref="PactMatcherRules"/>) must give the same two verdicts as the engine.
/// </summary>
public class MatcherRoundTripTests
{
    private static WireMockServer s_provider = null!;

    [OneTimeSetUp]
    public void StartTheProvider() => s_provider = WireMockServer.Start();

    [OneTimeTearDown]
    public void StopTheProvider() => s_provider.Stop();

    private static IEnumerable<TestCaseData> Cases()
    {
        var cases = new (string Name, Func<object> Matcher, string Good, string Bad)[]
        {
            ("Type", () => Match.Type("AP"), "\"XY\"", "5"),
            ("MinType", () => Match.MinType(new { a = 1 }, 2), """[{"a":1},{"a":2}]""", """[{"a":1}]"""),
            ("MaxType", () => Match.MaxType(new { a = 1 }, 2), """[{"a":3}]""", """[{"a":1},{"a":2},{"a":3}]"""),
            ("MinMaxType", () => Match.MinMaxType(new { a = 1 }, 1, 2), """[{"a":1},{"a":9}]""", """[{"a":1},{"a":2},{"a":3}]"""),
            ("Number", () => Match.Number(1.5m), "7", "\"7\""),
            ("Integer", () => Match.Integer(5), "12", "12.5"),
            ("Decimal", () => Match.Decimal(5.5m), "0.25", "3"),
            ("Equality", () => Match.Equality("Electric"), "\"Electric\"", "\"Hybrid\""),
            ("Null", () => Match.Null(), "null", "\"x\""),
            ("Date", () => Match.Date("2024-05-14"), "\"2023-01-31\"", "\"31/01/2023\""),
            ("Time", () => Match.Time("08:20:25"), "\"23:59:00\"", "\"8h20\""),
            ("Timestamp", () => Match.Timestamp("2024-05-14T08:20:25Z"), "\"2023-01-01T00:00:00+01:00\"", "\"2023-01-01 00:00\""),
            ("ArrayContains", () => Match.ArrayContains(new { type = "Electric" }), """[{"type":"Fuel"},{"type":"Electric","level":5}]""", """[{"type":"Fuel"}]"""),
            ("Include", () => Match.Include("Lyon"), "\"Gare de Lyon\"", "\"Paris\""),
            ("Regex", () => Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$"), "\"VF3ABCDEFGH123456\"", "\"VF3-short\""),
            ("Boolean", () => Match.Boolean(true), "false", "1"),
            ("Uuid", () => Match.Uuid(), "\"0b9c3e2a-1d4f-4a6b-9c8d-7e6f5a4b3c2d\"", "\"not-a-uuid\""),
            ("EachKey", () => Match.EachKey(new Dictionary<string, string> { ["en"] = "x" }, Match.Regex("en", "^[a-z]{2}$")), """{"fr":"y","de":"z"}""", """{"FRA":"y"}"""),
            ("EachValue", () => Match.EachValue(new Dictionary<string, string> { ["a"] = "x" }, Match.Type("x")), """{"b":"y","c":"z"}""", """{"b":5}"""),
            ("NotEmpty", () => Match.NotEmpty("x"), "\"abc\"", "\"\""),
            ("Semver", () => Match.Semver("1.2.3"), "\"2.0.0\"", "\"2.0\""),
        };
        foreach (var specification in new[] { PactSpecification.V3, PactSpecification.V4 })
        {
            foreach (var (name, matcher, good, bad) in cases)
            {
                yield return new TestCaseData(specification, name, matcher, good, bad).SetName($"{specification} › {name}: accepts {good}, rejects {bad}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_matcher_passes_a_provider_value_it_accepts_and_fails_one_it_rejects(PactSpecification specification, string name, Func<object> matcher, string good, string bad)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "matcher-pacts", specification.ToString(), name);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var pact = PactBuilder.Create("MatcherConsumer", "MatcherProvider", new PactConfig { PactDir = directory, Specification = specification });
        var path = "/matchers/" + name;
        pact.UponReceiving("a value under " + name).WithRequest(HttpMethod.Get, path).WillRespond().WithStatus(200).WithJsonBody(new { value = matcher() });
        await pact.VerifyAsync(async context =>
        {
            using var http = new HttpClient { BaseAddress = context.MockServerUri };
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
        });

        var passed = await VerifyAgainstAsync(pact.PactFilePath, path, good);
        var failed = await VerifyAgainstAsync(pact.PactFilePath, path, bad);

        Assert.That(passed.Passed, Is.True, $"{good} must pass: {passed.EngineOutput}");
        Assert.That(failed.Passed, Is.False, $"{bad} must fail");
        Assert.That(failed.Failed.Single().Mismatches, Has.Some.Contains("$.value"), string.Join(Environment.NewLine, failed.Failed.Single().Mismatches));
        var (rules, example) = RuleOf(await File.ReadAllTextAsync(pact.PactFilePath));
        Assert.That(rules.Select(r => PactMatcherRules.Check(r, example, Json(good))).OfType<string>(), Is.Empty, "the spec check's reading accepts what the engine accepts");
        Assert.That(rules.Select(r => PactMatcherRules.Check(r, example, Json(bad))).OfType<string>(), Is.Not.Empty, "the spec check's reading rejects what the engine rejects");
    }

    private static async Task<PactVerificationResult> VerifyAgainstAsync(string pactFile, string path, string value)
    {
        s_provider.Reset();
        s_provider.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{"value":{{value}}}"""));
        return await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pactFile, Target = new Uri(s_provider.Url!) });
    }

    /// <summary>The rules on $.value (V4 and V3 write them alike under body) and the example the pact holds there.</summary>
    private static (IReadOnlyList<PactMatcher> Rules, JsonElement Example) RuleOf(string pactText)
    {
        var interaction = PactDocument.Parse(pactText).Interactions.Single();
        var rules = interaction.Response.Rules.Category("body").Where(r => r.Key is "$.value" or "$['value']").SelectMany(r => r.Value).ToList();
        Assert.That(rules, Is.Not.Empty, "the engine wrote a rule for $.value");
        return (rules, interaction.Response.Body!.Value.GetProperty("value"));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
