using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Benchmarks;

/// <summary>
/// A create through the pipeline, in-process (no HTTP, state in memory): <c>POST /accounts/channels</c> with
/// what a seeded channel subscribed to, as <c>tests/load/replicas.sh</c> sends it, against a cached GET vehicle
/// (the baseline). Every create is a new item (a new id, its body generated, what was sent laid over it); the
/// store is reset every 1000 creates, so the run measures creates, not a store that grows without end.
/// </summary>
[MemoryDiagnoser]
public class CreateBenchmarks
{
    private MockComposition _mock = null!;
    private MockApi _pipeline = null!;
    private MockRequest _create = null!;
    private MockRequest _read = null!;
    private int _created;

    [GlobalSetup]
    public void Setup()
    {
        var document = SpecLoader.LoadEmbedded();
        _mock = MockComposition.Create(document, new MockServerOptions());
        _pipeline = _mock.Endpoints.Api;
        var auth = "Bearer " + _mock.Tokens.Mint("benchmark", document.AllScopes);
        var basePath = document.BasePath;
        var channels = JsonNode.Parse(Send(Get(basePath + "/accounts/channels", auth)).Body)!;
        var sent = channels["_embedded"]!["channels"]![0]!["subscribe"]!.ToJsonString();
        _create = new MockRequest { Method = "POST", Path = basePath + "/accounts/channels", BaseUrl = "http://localhost:8080", Body = Encoding.UTF8.GetBytes(sent) }
            .WithHeader("Authorization", auth).WithHeader("Content-Type", "application/json");
        var vehicles = JsonNode.Parse(Send(Get(basePath + "/accounts/vehicles", auth)).Body)!;
        _read = Get(new Uri(vehicles["_embedded"]!["vehicles"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>()).AbsolutePath, auth);
        foreach (var request in new[] { _create, _read })
        {
            if (Send(request).Status is not (>= 200 and < 300) and var status)
            {
                throw new InvalidOperationException($"{request.Method} {request.Path} answered {status}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "GET vehicle (cached answer)")]
    public Task Read() => _pipeline.HandleAsync(_read).AsTask();

    [Benchmark(Description = "POST channel (a new item each time)")]
    public async Task Create()
    {
        if (++_created % 1000 == 0)
        {
            await _mock.Endpoints.Admin.ResetAsync();
        }

        await _pipeline.HandleAsync(_create);
    }

    private MockResponse Send(MockRequest request) => _pipeline.HandleAsync(request).AsTask().GetAwaiter().GetResult();

    private static MockRequest Get(string path, string auth) =>
        new MockRequest { Method = "GET", Path = path, BaseUrl = "http://localhost:8080" }.WithHeader("Authorization", auth);
}
