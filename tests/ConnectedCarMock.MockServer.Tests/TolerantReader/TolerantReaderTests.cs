using System.Globalization;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.TolerantReader;

/// <summary>
/// The example for app developers: loop over every single-field variant of the answers a client
/// reads. The tolerant client passes them all; the brittle one fails, and the failure names the
/// variant and the JSON pointer that broke it.
/// </summary>
public class TolerantReaderTests
{
    public static IEnumerable<TestCaseData> Endpoints()
    {
        yield return new TestCaseData("getVehicleByid").SetName("vehicle");
        yield return new TestCaseData("getVehicleLastTelemetries").SetName("telemetry latest");
        yield return new TestCaseData("getVehicleTrips").SetName("trips");
    }

    [TestCaseSource(nameof(Endpoints))]
    public async Task The_tolerant_client_reads_every_variant(string operationId)
    {
        await using var mock = await RunningMock.StartAsync();
        var failures = await SweepAsync(mock, operationId, http => new TolerantCarClient(http));

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Endpoints))]
    public async Task The_brittle_client_breaks_and_the_failure_names_the_variant_and_pointer(string operationId)
    {
        await using var mock = await RunningMock.StartAsync();
        var failures = await SweepAsync(mock, operationId, http => new BrittleCarClient(http));

        Assert.That(failures, Is.Not.Empty);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, failures.Take(5)));
        Assert.That(failures, Has.All.Match(@"^variant \d+ \((removed|added)=/.*\) broke the client: "));
    }

    /// <summary>Runs the client against every variant; returns "variant N (removed=/x) broke the client: ..." per failure.</summary>
    private static async Task<List<string>> SweepAsync(RunningMock mock, string operationId, Func<HttpClient, ICarClient> create)
    {
        var operation = mock.Document.GetOperation(operationId);
        var path = mock.RequestFor(operation).RequestUri!.OriginalString;
        var probe = new HttpRequestMessage(HttpMethod.Get, path);
        probe.Headers.Add(RequestPipeline.VariationHeader, "sweep=0");
        var total = int.Parse((await mock.Http.SendAsync(probe)).Headers.GetValues(RequestPipeline.VariationVariantsHeader).Single(), CultureInfo.InvariantCulture);

        var failures = new List<string>();
        for (var n = 0; n < total; n++)
        {
            using var http = new HttpClient { BaseAddress = mock.Http.BaseAddress };
            http.DefaultRequestHeaders.Authorization = mock.Http.DefaultRequestHeaders.Authorization;
            http.DefaultRequestHeaders.Add(RequestPipeline.VariationHeader, $"sweep={n}");
            var client = create(http);
            try
            {
                _ = operationId switch
                {
                    "getVehicleByid" => await client.VehicleAsync(path),
                    "getVehicleLastTelemetries" => await client.LatestTelemetryAsync(path),
                    _ => await client.TripsAsync(path),
                };
            }
            catch (System.Text.Json.JsonException ex)
            {
                var variant = await VariantAsync(http, path);
                failures.Add($"variant {n} ({variant}) broke the client: {ex.Message}");
            }
        }

        return failures;
    }

    private static async Task<string> VariantAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        return response.Headers.GetValues(RequestPipeline.VariationPointersHeader).Single();
    }
}
