using System.Text.Json.Nodes;
using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>The same consumer tests can write a Pact V3 file, for brokers and providers that do not read V4.</summary>
public class PactV3Tests
{
    [Test]
    public async Task A_V3_pact_is_written_with_every_interaction_V3_can_express()
    {
        var path = await CarAppContract.WriteAsync(ConsumerPacts.V3Directory, PactSpecification.V3);

        var pact = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.That(pact["metadata"]!["pactSpecification"]!["version"]!.GetValue<string>(), Does.StartWith("3."));
        Assert.That(pact["interactions"]!.AsArray(), Has.Count.EqualTo(CarAppContract.V3Compatible.Count));
        Assert.That(Path.GetFileName(path), Is.EqualTo("CarApp-ConnectedCarApi.json"));
    }

    [Test]
    public void A_status_matcher_is_refused_in_a_V3_pact_with_a_clear_reason()
    {
        var pact = CarAppContract.NewPact(Path.Combine(TestContext.CurrentContext.WorkDirectory, "pacts-v3-refused"), PactSpecification.V3);

        var error = Assert.ThrowsAsync<NotSupportedException>(() => CarAppContract.CreateChannelAsync(pact));

        Assert.That(error!.Message, Does.Contain("only Pact V4"));
    }
}
