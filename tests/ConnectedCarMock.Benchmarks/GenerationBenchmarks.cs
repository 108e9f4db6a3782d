using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Benchmarks;

/// <summary>
/// Generation on the published document: the first answer of every operation (each success body generated
/// with a seed never used before, so nothing is cached, as the first request of each resource), and a cached
/// answer through the request pipeline (GET vehicle, rendered once). Run it on two commits to compare.
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    private readonly List<Schema> _bodies = [];
    private PayloadGenerator _generator = null!;
    private MockApi _pipeline = null!;
    private MockRequest _cached = null!;
    private long _seed;

    [GlobalSetup]
    public void Setup()
    {
        var document = SpecLoader.LoadFile(PublishedPath());
        _generator = new PayloadGenerator(document);
        _bodies.AddRange(document.Operations.SelectMany(o => o.SuccessResponses.Take(1)).SelectMany(r => r.Content.Take(1)).Where(m => m.Schema is not null).Select(m => m.Schema!));
        foreach (var schema in _bodies)
        {
            _generator.Generate(schema, 0); // as a running server: the document's schemas compiled, the generator warm
        }

        var mock = MockComposition.Create(document, new MockServerOptions());
        _pipeline = mock.Endpoints.Api;
        var token = mock.Tokens.Mint("benchmark", document.AllScopes);
        var list = new MockRequest { Method = "GET", Path = document.BasePath + "/accounts/vehicles", BaseUrl = "http://localhost:8080" }.WithHeader("Authorization", "Bearer " + token);
        var vehicles = JsonNode.Parse(_pipeline.HandleAsync(list).AsTask().GetAwaiter().GetResult().Body)!;
        var href = new Uri(vehicles["_embedded"]!["vehicles"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>());
        _cached = new MockRequest { Method = "GET", Path = href.AbsolutePath, BaseUrl = "http://localhost:8080" }.WithHeader("Authorization", "Bearer " + token);
        var status = _pipeline.HandleAsync(_cached).AsTask().GetAwaiter().GetResult().Status;
        if (status != 200)
        {
            throw new InvalidOperationException($"GET {href.AbsolutePath} answered {status}");
        }
    }

    [Benchmark(Description = "first answer of every operation (41 bodies, new seeds)")]
    public int FirstAnswers()
    {
        var seed = Interlocked.Increment(ref _seed);
        var count = 0;
        foreach (var schema in _bodies)
        {
            count += _generator.Generate(schema, seed) is null ? 0 : 1;
        }

        return count;
    }

    [Benchmark(Description = "cached answer (GET vehicle through the pipeline)")]
    public Task Cached() => _pipeline.HandleAsync(_cached).AsTask();

    private static string PublishedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectedCarMock.sln")))
            {
                return Environment.GetEnvironmentVariable("CCMOCK_PUBLISHED_SPEC")
                    ?? Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "specs", "stellantis-connected-car-v2.yaml"));
            }
        }

        throw new InvalidOperationException("ConnectedCarMock.sln not found above " + AppContext.BaseDirectory);
    }
}
