using System.Text.Json.Serialization;

namespace ConnectedCarMock.Pact.Tests.SampleConsumer;

// What CarApp reads from the API, and nothing more: a tolerant reader ignores everything else.

internal sealed record Link(string Href);

internal sealed record SelfLinks(Link Self);

internal sealed record Vehicle(
    [property: JsonPropertyName("_links")] SelfLinks Links,
    string Vin,
    string? BrandCode,
    string? Motorization)
{
    /// <summary>The id the API uses in URLs: the last segment of the self link (vehicles carry no id field).</summary>
    public string Id => Links.Self.Href.TrimEnd('/').Split('/')[^1];
}

internal sealed record VehiclePage(int Total, int TotalPage, int CurrentPage, [property: JsonPropertyName("_embedded")] VehicleList? Embedded)
{
    public IReadOnlyList<Vehicle> Vehicles => Embedded?.Vehicles ?? [];
}

internal sealed record VehicleList(IReadOnlyList<Vehicle> Vehicles);

internal sealed record LatestTelemetry(DateTimeOffset CreatedAt, TelemetryVehicle Vehicle)
{
    /// <summary>Battery level of the electric energy, when the car reports one.</summary>
    public double? BatteryLevel => Vehicle.Energies?.FirstOrDefault(e => e.Type == "Electric")?.Level;
}

internal sealed record TelemetryVehicle(IReadOnlyList<Energy>? Energies, Odometer? Odometer);

internal sealed record Energy(string Type, double? Level, int? Autonomy);

internal sealed record Odometer(double Mileage);

internal sealed record TripPage(int Total, [property: JsonPropertyName("_embedded")] TripList? Embedded)
{
    public IReadOnlyList<Trip> Trips => Embedded?.Trips ?? [];
}

internal sealed record TripList(IReadOnlyList<Trip> Trips);

internal sealed record Trip(string Id, DateTimeOffset StartedAt, DateTimeOffset StoppedAt, TripStats? Stats)
{
    public TimeSpan Duration => StoppedAt - StartedAt;
}

internal sealed record TripStats(TripDistance? Distance);

internal sealed record TripDistance(double? Total);

internal sealed record ChannelRef(string ChannelId, string Status, DateTimeOffset CreatedAt);

internal sealed record ApiError(string Name, string Message, string Debug);
