using System.Globalization;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ConnectedCarMock.Benchmarks;

/// <summary>
/// WireMock.Net answering one static mapping with a fixed body: the floor the mock's spec-driven
/// answers are measured against (same server, same journal settings, same body size).
/// </summary>
internal static class FloorServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var body = await File.ReadAllTextAsync(args[1]);
        var admin = args.Length < 3 || args[2] != "no-admin";
        var journal = args.Length < 4 ? 1000 : int.Parse(args[3], CultureInfo.InvariantCulture);
        using var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            StartAdminInterface = admin,
            MaxRequestLogCount = journal,
            Logger = new WireMockNullLogger(),
            DisableJsonBodyParsing = true,
        });
        server.Given(Request.Create().WithPath("/floor").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(body));
        Console.WriteLine($"floor serving {body.Length} bytes at http://127.0.0.1:{port}/floor");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
