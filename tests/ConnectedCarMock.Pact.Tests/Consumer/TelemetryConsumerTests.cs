using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>CarApp shows the battery level and mileage from the latest telemetry, and understands 403.</summary>
public class TelemetryConsumerTests
{
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact() => _pact = ConsumerPacts.NewV4Pact();

    [Test]
    public Task The_latest_telemetry_gives_the_battery_level_and_the_mileage() => CarAppContract.LatestTelemetryAsync(_pact);

    [Test]
    public Task The_latest_telemetry_with_a_token_lacking_the_scope_fails_with_forbidden() => CarAppContract.TelemetryWithoutScopeAsync(_pact);
}
