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
    public void Every_mutation_of_a_file_a_document_refers_to_loads_or_is_refused_with_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("ccmock-fuzz-external-").FullName;
        try
        {
            var source = Path.Combine(AppContext.BaseDirectory, "ExternalRefs");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            var neighbour = Path.Combine(folder, "shared", "errors.yaml");
            var mutator = new DocumentMutator(File.ReadAllBytes(neighbour), "errors.yaml");
            var outcomes = new List<LoadOutcome>();
            foreach (var mutation in Enum.GetValues<Mutation>())
            {
                for (var round = 0; round < FuzzPlan.Rounds; round++)
                {
                    File.WriteAllBytes(neighbour, mutator.Mutate(mutation, new Random(FuzzPlan.Seed + (int)mutation * 100 + round)));
                    outcomes.Add(LoadOutcome.OfFile(Path.Combine(folder, "fleet.yaml")));
                }
            }

            Assert.Multiple(() =>
            {
                Assert.That(outcomes.Select(o => o.Violation).Where(v => v is not null), Is.Empty);
                Assert.That(outcomes.Where(o => o.IsUnforeseen).Select(o => o.Line), Is.Empty);
                Assert.That(outcomes.Where(o => o.ExitCode == 2).Select(o => o.Line), Has.All.StartsWith(Path.Combine(folder, "fleet.yaml") + ":"), "the document given is named first");
                Assert.That(outcomes.Count(o => o.ExitCode == 2), Is.GreaterThan(outcomes.Count / 2), "most mutations break the neighbour");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
