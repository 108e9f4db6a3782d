using System.Net;

namespace ConnectedCarMock.Pact.Tests.SampleConsumer;

/// <summary>
/// CarApp's expectations of the Connected Car API, one method per interaction: each declares the interaction
/// and drives <see cref="ConnectedCarClient"/> against the engine's mock. The consumer tests run them one by
/// one; the spec-check tests run them all to get complete pacts of their own.
/// </summary>
internal static class CarAppContract
{
    public const string Consumer = "CarApp";
    public const string Provider = "ConnectedCarApi";
    public const string VehicleId = "e5a1c9d27b3f4a60b8d2f1e07c4a9b35";
    public const string ChannelId = "4d7e2a90-1b3c-4f5e-8a6b-2c9d0e1f3a5b";
    public const string Token = "car-app-test-token";

    private const string Hal = "application/hal+json";
    private const string Api = "https://api.example.com" + ConnectedCarClient.BasePath;
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ssXXX";

    /// <summary>Every interaction; creating a channel accepts any 2xx, which only Pact V4 can express.</summary>
    public static IReadOnlyList<Func<PactBuilder, Task>> All =>
        [ListVehiclesAsync, GetVehicleAsync, UnknownVehicleAsync, ExpiredTokenAsync, LatestTelemetryAsync, TelemetryWithoutScopeAsync, TripsAsync, CreateChannelAsync, CreateChannelWithoutScopeAsync, DeleteChannelAsync];

    public static IReadOnlyList<Func<PactBuilder, Task>> V3Compatible => [.. All.Where(step => step != CreateChannelAsync)];

    public static PactBuilder NewPact(string directory, PactSpecification specification = PactSpecification.V4) =>
        PactBuilder.Create(Consumer, Provider, new PactConfig { PactDir = directory, Specification = specification });

    /// <summary>Writes a complete pact into <paramref name="directory"/> (emptied first) and returns its path.</summary>
    public static async Task<string> WriteAsync(string directory, PactSpecification specification)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var pact = NewPact(directory, specification);
        foreach (var step in specification == PactSpecification.V4 ? All : V3Compatible)
        {
            await step(pact);
        }

        return pact.PactFilePath;
    }

    public static Task ListVehiclesAsync(PactBuilder pact)
    {
        Request(pact, "a request for the vehicles of the account", HttpMethod.Get, "/accounts/vehicles")
            .Given("the account has vehicles")
            .WithQuery("pageSize", "2")
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithHeader("Content-Type", Hal)
            .WithJsonBody(new
            {
                total = Match.Integer(2),
                totalPage = Match.Integer(1),
                currentPage = Match.Integer(1),
                _embedded = new { vehicles = Match.EachLike(VehicleBody()) },
            }, Hal);
        return Run(pact, async client =>
        {
            var page = await client.GetVehiclesAsync(pageSize: 2);
            Assert.That(page.Vehicles.Select(v => (v.Id, v.Vin)), Is.EqualTo(new[] { (VehicleId, "VR3UKZKXZMJ512345") }));
        });
    }

    public static Task GetVehicleAsync(PactBuilder pact)
    {
        Request(pact, "a request for a vehicle", HttpMethod.Get, $"/accounts/vehicles/{VehicleId}")
            .Given("a vehicle exists", new { id = VehicleId })
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithHeader("Content-Type", Hal)
            .WithJsonBody(VehicleBody(), Hal);
        return Run(pact, async client =>
        {
            var vehicle = await client.GetVehicleAsync(VehicleId);
            Assert.That((vehicle.Id, vehicle.Vin, vehicle.Motorization), Is.EqualTo((VehicleId, "VR3UKZKXZMJ512345", "Electric")));
        });
    }

    public static Task UnknownVehicleAsync(PactBuilder pact)
    {
        const string unknown = "0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f";
        Request(pact, "a request for a vehicle that is not linked to the account", HttpMethod.Get, $"/accounts/vehicles/{unknown}")
            .Given("no vehicle has the id", new { id = unknown })
            .WillRespond()
            .WithStatus(HttpStatusCode.NotFound)
            .WithJsonBody(ErrorBody("NOT_FOUND", "No vehicle with this id is linked to the account."));
        return Run(pact, async client =>
        {
            var error = Assert.ThrowsAsync<ConnectedCarApiException>(() => client.GetVehicleAsync(unknown));
            Assert.That((error!.Status, error.Error.Name), Is.EqualTo((HttpStatusCode.NotFound, "NOT_FOUND")));
        });
    }

    public static Task ExpiredTokenAsync(PactBuilder pact)
    {
        Request(pact, "a request for the vehicles with an expired token", HttpMethod.Get, "/accounts/vehicles", token: "expired-token")
            .Given("the access token has expired")
            .WithQuery("pageSize", "50")
            .WillRespond()
            .WithStatus(HttpStatusCode.Unauthorized)
            .WithJsonBody(ErrorBody("UNAUTHORIZED", "The access token is missing or has expired."));
        return Run(pact, async client =>
        {
            var error = Assert.ThrowsAsync<ConnectedCarApiException>(() => client.GetVehiclesAsync());
            Assert.That(error!.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        }, token: "expired-token");
    }

    public static Task LatestTelemetryAsync(PactBuilder pact)
    {
        Request(pact, "a request for the latest telemetry of a vehicle", HttpMethod.Get, $"/accounts/vehicles/{VehicleId}/telemetries/latest")
            .Given("a vehicle with recent telemetry exists", new { id = VehicleId })
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithHeader("Content-Type", Hal)
            .WithJsonBody(new
            {
                createdAt = Match.DateTime("2024-05-14T08:20:25Z", DateTimeFormat),
                vehicle = new
                {
                    energies = Match.EachLike(new { type = Match.Type("Electric"), level = Match.Decimal(64.5m), autonomy = Match.Integer(212) }),
                    odometer = new { mileage = Match.Decimal(18375.4m) },
                },
            }, Hal);
        return Run(pact, async client =>
        {
            var telemetry = await client.GetLatestTelemetryAsync(VehicleId);
            Assert.That((telemetry.BatteryLevel, telemetry.Vehicle.Odometer?.Mileage), Is.EqualTo(((double?)64.5, (double?)18375.4)));
        });
    }

    public static Task TelemetryWithoutScopeAsync(PactBuilder pact)
    {
        Request(pact, "a request for the latest telemetry with a token lacking data:telemetry", HttpMethod.Get, $"/accounts/vehicles/{VehicleId}/telemetries/latest")
            .Given("a vehicle exists", new { id = VehicleId })
            .Given("the access token does not grant data:telemetry")
            .WillRespond()
            .WithStatus(HttpStatusCode.Forbidden)
            .WithJsonBody(ErrorBody("MISSING_SCOPE", "The token does not grant the data:telemetry scope."));
        return Run(pact, async client =>
        {
            var error = Assert.ThrowsAsync<ConnectedCarApiException>(() => client.GetLatestTelemetryAsync(VehicleId));
            Assert.That(error!.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    public static Task TripsAsync(PactBuilder pact)
    {
        Request(pact, "a request for the normal trips of a vehicle", HttpMethod.Get, $"/accounts/vehicles/{VehicleId}/trips")
            .Given("a vehicle with trips exists", new { id = VehicleId })
            .WithQuery("type", "Normal")
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithHeader("Content-Type", Hal)
            .WithJsonBody(new
            {
                total = Match.Integer(1),
                _embedded = new
                {
                    trips = Match.EachLike(new
                    {
                        id = Match.Type("7f2c41d8a9b34e6c8d1a5b0e9c3f2a64"),
                        startedAt = Match.DateTime("2024-05-14T07:42:10Z", DateTimeFormat),
                        stoppedAt = Match.DateTime("2024-05-14T08:20:22Z", DateTimeFormat),
                        stats = new { distance = new { total = Match.Decimal(32.4m) } },
                    }),
                },
            }, Hal);
        return Run(pact, async client =>
        {
            var trip = (await client.GetTripsAsync(VehicleId)).Trips.Single();
            Assert.That((trip.Id, trip.Duration, trip.Stats?.Distance?.Total), Is.EqualTo(("7f2c41d8a9b34e6c8d1a5b0e9c3f2a64", new TimeSpan(0, 38, 12), (double?)32.4)));
        });
    }

    public static Task CreateChannelAsync(PactBuilder pact)
    {
        Request(pact, "a request to create a webhook channel", HttpMethod.Post, "/accounts/channels")
            .Given("the access token grants channel:write")
            .WithJsonBody(ChannelRequest())
            .WillRespond()
            // CarApp only tests for success: deployments answer 200 or 202 to a creation.
            .WithAnySuccessStatus(202)
            .WithHeader("Content-Type", Hal)
            .WithJsonBody(new
            {
                channelId = Match.Regex(ChannelId, "^[0-9a-fA-F_-]+$"),
                status = Match.Regex("Running", "^(Running|Paused|Failed)$"),
                createdAt = Match.DateTime("2024-04-02T10:00:00Z", DateTimeFormat),
            }, Hal);
        return Run(pact, async client =>
        {
            var channel = await client.CreateWebhookChannelAsync("Fleet back office", new Uri("https://fleet.example.com/hooks/connected-car"), "fleet-backoffice");
            Assert.That((channel.ChannelId, channel.Status), Is.EqualTo((ChannelId, "Running")));
        });
    }

    public static Task CreateChannelWithoutScopeAsync(PactBuilder pact)
    {
        Request(pact, "a request to create a channel with a token lacking channel:write", HttpMethod.Post, "/accounts/channels")
            .Given("the access token does not grant channel:write")
            .WithJsonBody(ChannelRequest())
            .WillRespond()
            .WithStatus(HttpStatusCode.Forbidden)
            .WithJsonBody(ErrorBody("MISSING_SCOPE", "The token does not grant the channel:write scope."));
        return Run(pact, async client =>
        {
            var error = Assert.ThrowsAsync<ConnectedCarApiException>(() =>
                client.CreateWebhookChannelAsync("Fleet back office", new Uri("https://fleet.example.com/hooks/connected-car"), "fleet-backoffice"));
            Assert.That(error!.Error.Name, Is.EqualTo("MISSING_SCOPE"));
        });
    }

    public static Task DeleteChannelAsync(PactBuilder pact)
    {
        Request(pact, "a request to delete a channel", HttpMethod.Delete, $"/accounts/channels/{ChannelId}")
            .Given("a channel exists", new { id = ChannelId })
            .WillRespond()
            .WithStatus(HttpStatusCode.NoContent);
        return Run(pact, client => client.DeleteChannelAsync(ChannelId));
    }

    private static PactRequestBuilder Request(PactBuilder pact, string description, HttpMethod method, string path, string token = Token) =>
        pact.UponReceiving(description)
            .WithRequest(method, ConnectedCarClient.BasePath + path)
            // Any bearer token: the provider verification replaces it with a real one.
            .WithHeader("Authorization", Match.Regex("Bearer " + token, @"^Bearer \S+$"));

    private static Task Run(PactBuilder pact, Func<ConnectedCarClient, Task> use, string token = Token) =>
        pact.VerifyAsync(async context =>
        {
            using var http = new HttpClient { BaseAddress = context.MockServerUri };
            await use(new ConnectedCarClient(http, token));
        });

    private static object VehicleBody() => new
    {
        _links = new { self = new { href = Match.Regex($"{Api}/accounts/vehicles/{VehicleId}", @"^https?://.+/accounts/vehicles/[^/]+$") } },
        vin = Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$"),
        brandCode = Match.Type("AP"),
        motorization = Match.Regex("Electric", "^(Electric|Hybrid|Thermic|Hydrogen)$"),
    };

    private static object ErrorBody(string name, string message) => new
    {
        name = Match.Type(name),
        message = Match.Type(message),
        debug = Match.Regex("ERROR_3f7d1a9c5e2b", @"^\S+$"),
    };

    private static object ChannelRequest() => new
    {
        type = new[] { "Remote", "Monitor" },
        label = "Fleet back office",
        channel = new { webhook = new { target = "https://fleet.example.com/hooks/connected-car", name = "fleet-backoffice" } },
    };
}
