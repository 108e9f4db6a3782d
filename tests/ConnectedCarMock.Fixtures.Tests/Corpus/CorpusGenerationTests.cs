namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// Valid by construction on documents other than ours: for every operation of every corpus document
/// that loads, every response and request body of 20 seeds validates (separate validator, strict,
/// formats asserted) and holds no undeclared property.
/// </summary>
public class CorpusGenerationTests
{
    [TestCaseSource(typeof(CorpusDocuments), nameof(CorpusDocuments.Names))]
    public void Every_body_of_every_operation_is_valid_and_declares_every_property(string file)
    {
        var document = CorpusDocuments.Require(file);

        var tally = CorpusBodies.Check(document);

        TestContext.Out.WriteLine($"{file}: {tally.Operations} operations, {tally.Bodies} bodies, {tally.Valid} valid, {tally.Closed} closed-world valid, {tally.Unsatisfiable.Count} schemas admitting no value");
        foreach (var line in tally.Unsatisfiable)
        {
            TestContext.Out.WriteLine("  admits no value: " + line);
        }

        Assert.That(tally.Failures, Is.Empty, string.Join(Environment.NewLine, tally.Failures.Take(20)));
        Assert.That(tally.Unsatisfiable, Is.Empty);
    }
}
