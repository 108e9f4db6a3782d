using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectedCarMock.MockServer.Tests.TolerantReader;

/// <summary>The few endpoints a small car app reads, with the shapes it relies on.</summary>
internal interface ICarClient
{
    Task<object> VehicleAsync(string path);

    Task<object> LatestTelemetryAsync(string path);

    Task<object> TripsAsync(string path);
}

/// <summary>
/// A tolerant reader: ignores what it does not know and copes with what is missing,
/// as the API's rules ask of every client.
/// </summary>
internal sealed class TolerantCarClient(HttpClient http) : ICarClient
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public async Task<object> VehicleAsync(string path) => (await http.GetFromJsonAsync<TolerantVehicle>(path, Options))!;

    public async Task<object> LatestTelemetryAsync(string path) => (await http.GetFromJsonAsync<TolerantTelemetry>(path, Options))!;

    public async Task<object> TripsAsync(string path) => (await http.GetFromJsonAsync<TolerantTrips>(path, Options))!;

    internal sealed record TolerantVehicle(string? Vin, string? BrandCode, string? Motorization);

    internal sealed record TolerantTelemetry(DateTimeOffset? CreatedAt, JsonElement? Vehicle);

    internal sealed record TolerantTrips(int? Total, TolerantEmbedded? _Embedded);

    internal sealed record TolerantEmbedded(List<TolerantTrip>? Trips);

    internal sealed record TolerantTrip(string? Id, DateTimeOffset? StartedAt, double? StartMileage);
}

/// <summary>
/// A brittle reader, as clients are often written: unknown members are an error and every field
/// it uses is required, so any missing or extra field breaks it.
/// </summary>
internal sealed class BrittleCarClient(HttpClient http) : ICarClient
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    public async Task<object> VehicleAsync(string path) => (await http.GetFromJsonAsync<BrittleVehicle>(path, Options))!;

    public async Task<object> LatestTelemetryAsync(string path) => (await http.GetFromJsonAsync<BrittleTelemetry>(path, Options))!;

    public async Task<object> TripsAsync(string path) => (await http.GetFromJsonAsync<BrittleTrips>(path, Options))!;

    internal sealed class BrittleVehicle
    {
        public required string Vin { get; init; }

        public required string BrandCode { get; init; }

        public required string Motorization { get; init; }

        public required string FuelType { get; init; }

        public required string FamilyCode { get; init; }

        [JsonPropertyName("_links")]
        public required JsonElement Links { get; init; }

        [JsonPropertyName("_embedded")]
        public required JsonElement Embedded { get; init; }
    }

    internal sealed class BrittleTelemetry
    {
        public required DateTimeOffset CreatedAt { get; init; }

        public required DateTimeOffset UpdatedAt { get; init; }

        [JsonPropertyName("_links")]
        public required JsonElement Links { get; init; }

        public required JsonElement Vehicle { get; init; }

        public required JsonElement Environment { get; init; }

        public required JsonElement Privacy { get; init; }
    }

    internal sealed class BrittleTrips
    {
        public required int Total { get; init; }

        public required int TotalPage { get; init; }

        public required int CurrentPage { get; init; }

        [JsonPropertyName("_links")]
        public required JsonElement Links { get; init; }

        [JsonPropertyName("_embedded")]
        public required JsonElement Embedded { get; init; }
    }
}
