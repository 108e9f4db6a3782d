using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>CarApp registers a webhook channel for its back office and deletes it again.</summary>
public class ChannelConsumerTests
{
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact() => _pact = ConsumerPacts.NewV4Pact();

    [Test]
    public Task Creating_a_webhook_channel_gives_its_id_and_status() => CarAppContract.CreateChannelAsync(_pact);

    [Test]
    public Task Creating_a_channel_with_a_token_lacking_channel_write_fails_with_forbidden() => CarAppContract.CreateChannelWithoutScopeAsync(_pact);

    [Test]
    public Task Deleting_a_channel_succeeds_without_a_body() => CarAppContract.DeleteChannelAsync(_pact);
}
