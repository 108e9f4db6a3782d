using ConnectedCarMock.Schemas.Loading.Repairs;
using ConnectedCarMock.Schemas.Tests.Fuzz;

namespace ConnectedCarMock.Schemas.Tests.Corpus;

/// <summary>
/// Every readable document of the corpus loads, with every operation and schema the corpus README
/// counts, every reference resolved, and each repair reported under a code of the rule set.
/// </summary>
public class CorpusLoadingTests
{
    /// <summary>Documents that cannot be read as they are, with the reason the one line must give.</summary>
    internal static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        // Its refs name common/common_errors.yml, a file of its source repository that is not in the corpus.
        ["vonage-application-2.1.0.yaml"] = "external $ref 'common/common_errors.yml#/components/schemas/instance': file not found",
    };

    /// <summary>The repairs a document cannot load without, from what is known of it (see the corpus README).</summary>
    private static readonly Dictionary<string, string[]> NeededRepairs = new(StringComparer.Ordinal)
    {
        ["clickmeter-v2.yaml"] = ["component-key"],
        ["yammer-unversioned.json"] = ["component-key"],
        ["leisurelink-distributor-1.0.0.json"] = ["component-key"],
        ["docker-remote-api-v1.21.json"] = ["type-list", "duplicate-operation-id"],
        ["codat-sync-for-commerce-1.1.json"] = ["ref-outside-components", "ref-inside-component", "boolean-schema"],
        ["codat-commerce-2.1.0.json"] = ["ref-inside-component"],
        ["netbird-0.0.1.yaml"] = ["duplicate-path-signature"],
        ["gitea-1.1.1.json"] = ["ref-kind"],
        ["eclipse-ditto-2.yaml"] = ["ref-outside-components"],
    };

    public static IEnumerable<TestCaseData> Documents() => CorpusDocuments.Cases("Loads");

    public static IEnumerable<TestCaseData> Readable() => CorpusDocuments.Cases("Resolved", Refused.Keys);

    public static IEnumerable<TestCaseData> Repaired() => CorpusDocuments.Cases("Repairs", Refused.Keys);

    [TestCaseSource(nameof(Documents))]
    public void A_readable_document_loads_and_any_other_is_refused_with_one_line(string file)
    {
        CorpusDocuments.Require();
        var path = CorpusDocuments.PathOf(file);

        var outcome = LoadOutcome.OfFile(path);

        Assert.That(outcome.Violation, Is.Null);
        if (Refused.TryGetValue(file, out var reason))
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Line, Does.StartWith(path + ":line ").And.Contain(reason));
            return;
        }

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Line);
    }

    [TestCaseSource(nameof(Readable))]
    public void A_loaded_document_has_what_the_corpus_counts_with_every_ref_resolved(string file)
    {
        CorpusDocuments.Require();

        var document = CorpusDocuments.Load(file);

        Assert.Multiple(() =>
        {
            if (CorpusReadme.Counts.TryGetValue(file, out var counted))
            {
                Assert.That(document.Operations, Has.Count.EqualTo(counted.Operations), "operations the README counts");
                Assert.That(document.Schemas, Has.Count.EqualTo(counted.Schemas), "schemas the README counts");
            }

            foreach (var media in document.Operations.SelectMany(o => o.Responses.SelectMany(r => r.Content).Concat(o.RequestBody?.Content ?? [])))
            {
                if (media.Schema is not null)
                {
                    PublishedDocumentTests.AssertRefsResolve(document, media.Schema.Json);
                }
            }

            Assert.That(document.Warnings.Where(w => w.Code == "openapi-net").Select(w => w.Message), Has.None.Contains("does not point to an existing"));
        });
    }

    [TestCaseSource(nameof(Repaired))]
    public void Each_repair_is_reported_under_a_code_of_the_rule_set(string file)
    {
        CorpusDocuments.Require();

        var codes = CorpusDocuments.Load(file).Warnings.Select(w => w.Code).ToHashSet();

        var known = RepairRuleSet.Default.Rules.SelectMany(r => r.Codes).Append("openapi-net");
        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.SubsetOf(known));
            Assert.That(codes, Is.SupersetOf(NeededRepairs.GetValueOrDefault(file, [])));
        });
    }

    [Test]
    public void The_README_oracle_covers_every_document()
    {
        CorpusDocuments.Require();

        Assert.That(CorpusReadme.Counts.Keys, Is.EquivalentTo(CorpusDocuments.Files));
    }
}
