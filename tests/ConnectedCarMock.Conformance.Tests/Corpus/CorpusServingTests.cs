namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>Every operation of every loadable corpus document, served by the mock with security off and with each declared kind of credentials.</summary>
public class CorpusServingTests
{
    public static IEnumerable<TestCaseData> Documents() => CorpusFiles.Cases("the mock serves every operation with a valid body");

    [TestCaseSource(nameof(Documents))]
    public async Task Every_operation_is_served_with_a_valid_body(string file)
    {
        var document = CorpusFiles.Require(file);
        var tally = await CorpusServing.TallyAsync(file, document);

        TestContext.Out.WriteLine($"{file}: {tally.Operations} operations; security off {tally.OffValid}/{tally.OffSent} valid ({tally.OffSuccess} 2xx); on {tally.OnValid}/{tally.OnSent} valid ({tally.OnSuccess} 2xx) with {string.Join(", ", tally.Kinds.Select(k => $"{k.Key}×{k.Value}"))}");
        foreach (var problem in tally.Problems.Take(40))
        {
            TestContext.Out.WriteLine("  " + problem);
        }

        Assert.That(tally.Problems, Is.Empty);
    }
}
