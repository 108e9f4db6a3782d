namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>The official <c>pact verifier</c> (CLI 18.1.2) against the mock: our DSL's pacts pass, with and without teardown.</summary>
[NonParallelizable]
public class OfficialVerifierTests
{
    [TestCase(PactSpecification.V4, false, 10)]
    [TestCase(PactSpecification.V4, true, 10)]
    [TestCase(PactSpecification.V3, false, 9)]
    [TestCase(PactSpecification.V3, true, 9)]
    public async Task The_official_verifier_passes_the_sample_pact(PactSpecification specification, bool teardown, int interactions)
    {
        OfficialTools.Require();
        await InteropPacts.AllAsync();
        await using var mock = await InteropMock.StartAsync();

        var (exit, verdicts, output) = await OfficialTools.VerifyAsync(specification == PactSpecification.V4 ? InteropPacts.SampleV4 : InteropPacts.SampleV3, mock.Root, mock.States, teardown);

        TestContext.Out.WriteLine($"official pact verifier, sample {specification}, teardown {teardown}: {verdicts.Count(v => v.Value)}/{verdicts.Count}, exit {exit}");
        Assert.That(verdicts.Where(v => !v.Value).Select(v => v.Key), Is.Empty, output);
        Assert.That((exit, verdicts.Count), Is.EqualTo((0, interactions)), output);
    }

    [TestCase(PactSpecification.V4, false)]
    [TestCase(PactSpecification.V4, true)]
    [TestCase(PactSpecification.V3, false)]
    [TestCase(PactSpecification.V3, true)]
    public async Task The_official_verifier_passes_the_event_pact_against_the_mock_as_message_provider(PactSpecification specification, bool teardown)
    {
        OfficialTools.Require();
        await InteropPacts.AllAsync();
        await using var mock = await InteropMock.StartAsync();

        var (exit, verdicts, output) = await OfficialTools.VerifyAsync(specification == PactSpecification.V4 ? InteropPacts.EventsV4 : InteropPacts.EventsV3, mock.Root, mock.States, teardown);

        TestContext.Out.WriteLine($"official pact verifier, event pact {specification}, teardown {teardown}: {verdicts.Count(v => v.Value)}/{verdicts.Count}, exit {exit}");
        Assert.That(verdicts.Where(v => !v.Value).Select(v => v.Key), Is.Empty, output);
        Assert.That((exit, verdicts.Keys.Order(StringComparer.Ordinal)), Is.EqualTo((0, Messages.EventConsumerContract.Descriptions.Order(StringComparer.Ordinal))), output);
    }

    [Test]
    public async Task The_official_verifier_passes_the_pact_js_pacts_with_and_without_teardown()
    {
        OfficialTools.Require();
        await InteropPacts.AllAsync();
        await using var mock = await InteropMock.StartAsync();

        foreach (var pact in Directory.GetFiles(InteropPacts.PactJsGood))
        {
            foreach (var teardown in new[] { false, true })
            {
                var (exit, verdicts, output) = await OfficialTools.VerifyAsync(pact, mock.Root, mock.States, teardown);

                Assert.That((exit, verdicts.Count(v => v.Value)), Is.EqualTo((0, 10)), $"{Path.GetFileName(pact)}, teardown {teardown}: {output}");
            }
        }
    }
}
