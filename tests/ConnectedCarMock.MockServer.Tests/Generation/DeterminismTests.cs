using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Generation;

/// <summary>Same document, seed and request: the same bytes, from any process. Another seed: other data.</summary>
public class DeterminismTests
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "connectedcar-mock.dll");

    [Test]
    public async Task Two_server_processes_with_the_same_seed_answer_byte_identical_bodies()
    {
        await using var first = await MockProcess.StartAsync(Dll, ["--port", "0", "--seed", "4242"]);
        await using var second = await MockProcess.StartAsync(Dll, ["--port", "0", "--seed", "4242"]);
        await using var planner = await RunningMock.StartAsync(seed: 4242);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", planner.Token);
        var compared = 0;
        foreach (var operation in planner.Document.Operations.Where(o => o.Method == "GET"))
        {
            var path = planner.RequestFor(operation).RequestUri!.OriginalString;
            var a = await http.GetByteArrayAsync(first.BaseUrl + path);
            var b = await http.GetByteArrayAsync(second.BaseUrl + path);
            var aText = System.Text.Encoding.UTF8.GetString(a).Replace(first.BaseUrl, "{base}", StringComparison.Ordinal);
            var bText = System.Text.Encoding.UTF8.GetString(b).Replace(second.BaseUrl, "{base}", StringComparison.Ordinal);
            Assert.That(aText, Is.EqualTo(bText), operation.Id);
            compared++;
        }

        Assert.That(compared, Is.GreaterThan(25));
    }

    [Test]
    public async Task Different_seeds_give_different_data()
    {
        await using var one = await RunningMock.StartAsync(seed: 1);
        await using var two = await RunningMock.StartAsync(seed: 2);
        var differing = 0;
        var operations = one.Document.Operations.Where(o => o.Method == "GET").ToList();
        foreach (var operation in operations)
        {
            var a = await one.SendAsync(one.RequestFor(operation));
            var b = await two.SendAsync(two.RequestFor(operation));
            if (a.Body.Replace(one.Server.BaseUrl, string.Empty, StringComparison.Ordinal) != b.Body.Replace(two.Server.BaseUrl, string.Empty, StringComparison.Ordinal))
            {
                differing++;
            }
        }

        Assert.That(differing, Is.EqualTo(operations.Count));
    }

    [Test]
    public async Task The_same_request_twice_gives_the_same_bytes()
    {
        await using var mock = await RunningMock.StartAsync();
        var operation = mock.Document.GetOperation("getVehicleLastTelemetries");

        var a = await mock.SendAsync(mock.RequestFor(operation));
        var b = await mock.SendAsync(mock.RequestFor(operation));

        Assert.That(a.Body, Is.EqualTo(b.Body));
        Assert.That(a.Response.Headers.GetValues("X-Mock-Seed").Single(), Is.EqualTo(MockServerOptions.DefaultSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
