using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// The generator under the full semantics of each dialect: for every group of the JSON-Schema-Test-Suite
/// (draft 2020-12 and draft 4 keyword files, and the format files) that has a valid instance, the value
/// generated for the group's schema is valid by an independent validator, itself checked against the
/// suite's own verdicts for that group.
/// </summary>
public class JsonSchemaTestSuiteTests
{
    private const double Required = 0.99;

    [TestCaseSource(typeof(TestSuiteGroups), nameof(TestSuiteGroups.Cases))]
    public void The_generated_value_is_valid(TestSuiteGroup? group)
    {
        if (group is null)
        {
            Assert.Ignore($"The JSON-Schema-Test-Suite is not at {CorpusDocuments.TestSuite}; it is read from ../shared/corpus/.");
        }

        var outcome = Run(group!);
        if (outcome.Ignored is { } reason)
        {
            Assert.Ignore(reason);
        }

        Assert.That(outcome.Failure, Is.Null);
    }

    [TestCaseSource(typeof(TestSuiteGroups), nameof(TestSuiteGroups.Drafts))]
    public void At_least_99_percent_of_the_groups_with_a_valid_instance_generate_a_valid_value(string draft)
    {
        var groups = TestSuiteGroups.Of(draft).ToList();
        if (groups.Count == 0)
        {
            Assert.Ignore($"The JSON-Schema-Test-Suite is not at {CorpusDocuments.TestSuite}.");
        }

        var outcomes = groups.Select(g => (Group: g, Outcome: Run(g))).ToList();
        var ignored = outcomes.Where(o => o.Outcome.Ignored is not null).ToList();
        var failed = outcomes.Where(o => o.Outcome.Failure is not null).ToList();
        var held = groups.Count - ignored.Count;
        var passed = held - failed.Count;
        TestContext.Out.WriteLine($"{draft}: {groups.Count} groups with a valid instance, {ignored.Count} ignored, {passed}/{held} valid ({100.0 * passed / held:F1}%), {passed}/{groups.Count} of all ({100.0 * passed / groups.Count:F1}%)");
        foreach (var (group, outcome) in ignored)
        {
            TestContext.Out.WriteLine($"  ignored  {group.File} › {group.Description}: {outcome.Ignored}");
        }

        foreach (var (group, outcome) in failed)
        {
            TestContext.Out.WriteLine($"  FAILED   {group.File} › {group.Description}: {outcome.Failure}");
        }

        Assert.That((double)passed / held, Is.GreaterThanOrEqualTo(Required));
    }

    private static Outcome Run(TestSuiteGroup group)
    {
        if (TestSuiteGroups.WhyIgnored(group) is { } reason)
        {
            return new Outcome(reason, null);
        }

        // The independent validator must agree with the suite on this group, or its verdict on our value means nothing.
        var (judge, unjudged) = group.Judge();
        if (judge is null)
        {
            return new Outcome(unjudged, null);
        }

        var document = StandaloneSchema.Load(group.Schema, group.Dialect);
        string value;
        try
        {
            value = new PayloadGenerator(document).Generate(document.Schemas[StandaloneSchema.Name], seed: 1)?.ToJsonString() ?? "null";
        }
        catch (InvalidOperationException ex)
        {
            return new Outcome(null, "no value: " + ex.Message);
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            // One group's crash is that group's failure, not the end of the count.
            return new Outcome(null, $"the generator failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }

        return judge(value) ? new Outcome(null, null) : new Outcome(null, $"{value} is not valid");
    }

    private sealed record Outcome(string? Ignored, string? Failure);
}
