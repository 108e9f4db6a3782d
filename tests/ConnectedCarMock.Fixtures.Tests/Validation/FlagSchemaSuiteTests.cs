using ConnectedCarMock.Fixtures.Tests.Corpus;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Validation;

/// <summary>
/// The yes/no schemas answer every instance of the JSON-Schema-Test-Suite (draft 2020-12 and draft 4 files, every
/// group, valid instances or not) as Json.Schema.Net does, strict and tolerant; the groups they refuse are answered
/// by the library, and at least the share below of the 2020-12 groups must be theirs.
/// </summary>
public class FlagSchemaSuiteTests
{
    private const double Covered = 0.75;

    [TestCaseSource(typeof(TestSuiteGroups), nameof(TestSuiteGroups.EveryCase))]
    public void Answers_as_Json_Schema_Net(TestSuiteGroup? group)
    {
        if (group is null)
        {
            Assert.Ignore($"The JSON-Schema-Test-Suite is not at {CorpusDocuments.TestSuite}; it is read from ../shared/corpus/.");
        }

        var (verdicts, refusal) = Run(group!);
        if (refusal is not null)
        {
            Assert.Ignore("answered by Json.Schema.Net: the yes/no schema refuses " + refusal);
        }

        Assert.That(verdicts!.Disagreements, Is.Empty, string.Join(Environment.NewLine, verdicts.Disagreements));
        Assert.That(verdicts.Compared + verdicts.LibraryThrew, Is.EqualTo(2 * group!.Tests.Count));
    }

    [Test]
    public void Most_groups_of_the_2020_12_files_are_answered_by_yes_no_schemas()
    {
        var groups = TestSuiteGroups.Of("draft2020-12", everyGroup: true).ToList();
        if (groups.Count == 0)
        {
            Assert.Ignore($"The JSON-Schema-Test-Suite is not at {CorpusDocuments.TestSuite}.");
        }

        var refused = groups.Select(g => (Group: g, Run(g).Refusal)).Where(r => r.Refusal is not null).ToList();
        TestContext.Out.WriteLine($"{groups.Count - refused.Count}/{groups.Count} groups answered by yes/no schemas");
        foreach (var (group, why) in refused)
        {
            TestContext.Out.WriteLine($"  by the library: {group.File} › {group.Description}: {why}");
        }

        Assert.That((double)(groups.Count - refused.Count) / groups.Count, Is.GreaterThanOrEqualTo(Covered));
    }

    private static (Verdicts? Verdicts, string? Refusal) Run(TestSuiteGroup group)
    {
        ApiDocument document;
        try
        {
            document = StandaloneSchema.Load(group.Schema, group.Dialect);
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            return (null, $"nothing: the schema does not load ({ex.GetType().Name})");
        }

        var schema = document.Schemas[StandaloneSchema.Name];
        var verdicts = new Verdicts(document);
        foreach (var mode in new[] { ValidationMode.Strict, ValidationMode.Tolerant })
        {
            string? why;
            try
            {
                why = document.Validator.WhyNoFlagSchema(schema, mode);
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                return (null, $"nothing: Json.Schema.Net does not build the schema ({ex.GetType().Name})");
            }

            if (why is not null)
            {
                return (null, why);
            }

            verdicts.Compare(schema, mode, group.Tests.Select(t => t.Data), group.Description);
        }

        return (verdicts, null);
    }
}
