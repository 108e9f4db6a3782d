namespace ConnectedCarMock.Schemas.Tests.Fuzz;

/// <summary>
/// No input ever produces a stack trace: every mutated document either loads (exit 0) or is refused
/// with one line naming the file, the location and the reason (exit 2).
/// </summary>
public class MutatedDocumentTests
{
    public static IEnumerable<TestCaseData> Sources() =>
        FuzzPlan.Sources.Select(s => new TestCaseData(s).SetName($"Mutated › {s}"));

    [TestCaseSource(nameof(Sources))]
    public void Every_mutation_loads_or_is_refused_with_one_line(string source)
    {
        var outcomes = FuzzPlan.Of(source).AsParallel().AsOrdered().Select(d => (Document: d, Outcome: LoadOutcome.Of(d.Bytes, d.Name))).ToList();

        Keep(outcomes.Where(o => o.Outcome.Violation is not null || o.Outcome.IsUnforeseen).Select(o => o.Document));
        var violations = outcomes.Where(o => o.Outcome.Violation is not null).Select(o => $"{o.Document.Name}: {o.Outcome.Violation}").ToList();
        var unforeseen = outcomes.Where(o => o.Outcome.IsUnforeseen).Select(o => o.Outcome.Line).ToList();
        TestContext.Out.WriteLine($"{source}: {outcomes.Count} documents, {outcomes.Count(o => o.Outcome.ExitCode == 0)} load, {outcomes.Count(o => o.Outcome.ExitCode == 2)} exit 2");
        foreach (var group in outcomes.GroupBy(o => o.Document.Mutation))
        {
            TestContext.Out.WriteLine($"  {group.Key,-16} load {group.Count(o => o.Outcome.ExitCode == 0)}, exit 2 {group.Count(o => o.Outcome.ExitCode == 2)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty, "documents that broke the one-line rule");
            Assert.That(unforeseen, Is.Empty, "refusals that no check foresaw (the loader's last resort)");
        });
    }

    [Test]
    public void The_plan_has_at_least_a_thousand_documents_and_is_repeatable()
    {
        if (!Corpus.CorpusDocuments.Present)
        {
            Assert.Ignore("The corpus is absent: the plan has only our own document.");
        }

        var source = FuzzPlan.Sources[0];
        var original = Hash(FuzzPlan.SourceBytes(source));
        var first = FuzzPlan.Of(source).Select(d => Hash(d.Bytes)).ToList();
        var second = FuzzPlan.Of(source).Select(d => Hash(d.Bytes)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(FuzzPlan.DocumentCount, Is.GreaterThanOrEqualTo(1000));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first.Distinct().Count(), Is.GreaterThan(first.Count * 9 / 10), "mutations differ from each other");
            Assert.That(first, Has.None.EqualTo(original), "every mutation changes the document");
        });
    }

    /// <summary>With <c>CCMOCK_FUZZ_DUMP</c> set to a folder, the documents that failed are written there to be replayed.</summary>
    private static void Keep(IEnumerable<MutatedDocument> failed)
    {
        var folder = Environment.GetEnvironmentVariable("CCMOCK_FUZZ_DUMP");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var document in failed)
        {
            File.WriteAllBytes(Path.Combine(folder, Path.GetFileName(document.Name)), document.Bytes);
        }
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
}
