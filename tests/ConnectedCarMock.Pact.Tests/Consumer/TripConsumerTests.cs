using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>CarApp lists the normal trips of a vehicle with their duration and distance.</summary>
public class TripConsumerTests
{
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact() => _pact = ConsumerPacts.NewV4Pact();

    [Test]
    public Task Trips_give_their_id_duration_and_distance() => CarAppContract.TripsAsync(_pact);
}
