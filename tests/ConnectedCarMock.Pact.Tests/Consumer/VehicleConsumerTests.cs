using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>CarApp reads the vehicles of the account and one vehicle; it understands 401 and 404.</summary>
public class VehicleConsumerTests
{
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact() => _pact = ConsumerPacts.NewV4Pact();

    [Test]
    public Task Listing_vehicles_gives_each_vehicle_with_its_id_and_vin() => CarAppContract.ListVehiclesAsync(_pact);

    [Test]
    public Task Reading_a_vehicle_gives_its_vin_and_motorization() => CarAppContract.GetVehicleAsync(_pact);

    [Test]
    public Task Reading_a_vehicle_that_is_not_linked_to_the_account_fails_with_not_found() => CarAppContract.UnknownVehicleAsync(_pact);

    [Test]
    public Task Listing_vehicles_with_an_expired_token_fails_with_unauthorized() => CarAppContract.ExpiredTokenAsync(_pact);
}
