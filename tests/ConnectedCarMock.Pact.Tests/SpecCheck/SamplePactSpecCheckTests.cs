using ConnectedCarMock.Pact.Tests.SampleConsumer;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact.Tests.SpecCheck;

/// <summary>CarApp's pacts, V4 and V3, agree with our document and with the published Stellantis document.</summary>
public class SamplePactSpecCheckTests
{
    private static readonly Dictionary<PactSpecification, string> s_pacts = [];

    [TestCase(PactSpecification.V4)]
    [TestCase(PactSpecification.V3)]
    public async Task The_sample_pact_agrees_with_our_document(PactSpecification specification)
    {
        var mismatches = PactSpecChecker.Check(await PactTextAsync(specification), Specs.Embedded);

        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
    }

    [TestCase(PactSpecification.V4)]
    [TestCase(PactSpecification.V3)]
    public async Task The_sample_pact_agrees_with_the_published_document(PactSpecification specification)
    {
        var published = SpecLoader.LoadFile(TestPaths.RequirePublishedSpec());

        var mismatches = PactSpecChecker.Check(await PactTextAsync(specification), published);

        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
    }

    // Each spec version's pact is written once, by running every CarApp interaction into a folder of its own.
    private static async Task<string> PactTextAsync(PactSpecification specification)
    {
        if (!s_pacts.TryGetValue(specification, out var text))
        {
            var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "spec-check-pacts", specification.ToString());
            text = await File.ReadAllTextAsync(await CarAppContract.WriteAsync(directory, specification));
            s_pacts[specification] = text;
        }

        return text;
    }
}
