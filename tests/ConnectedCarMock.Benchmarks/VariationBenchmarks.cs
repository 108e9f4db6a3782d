using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Benchmarks;

/// <summary>
/// What the tolerant-reader variation costs per answer, in-process (no HTTP): GET vehicle with every
/// scope, plain (the baseline: a cached answer) against <c>missing=0.3; extra=0.3</c> with a fresh
/// seed per request, as the load script sends it, and against a fixed seed.
/// </summary>
[MemoryDiagnoser]
public class VariationBenchmarks
{
    private MockApi _pipeline = null!;
    private MockRequest _plain = null!;
    private MockRequest _varied = null!;
    private MockRequest _seeded = null!;

    [GlobalSetup]
    public void Setup()
    {
        var document = SpecLoader.LoadEmbedded();
        var mock = MockComposition.Create(document, new MockServerOptions());
        _pipeline = mock.Endpoints.Api;
        var token = mock.Tokens.Mint("benchmark", document.AllScopes);
        var list = Get("/api/connectedcar/v1/accounts/vehicles").WithHeader("Authorization", "Bearer " + token);
        var vehicles = JsonNode.Parse(_pipeline.HandleAsync(list).AsTask().GetAwaiter().GetResult().Body)!;
        var href = new Uri(vehicles["_embedded"]!["vehicles"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>());
        _plain = Get(href.AbsolutePath).WithHeader("Authorization", "Bearer " + token);
        _varied = _plain.WithHeader(RequestPipeline.VariationHeader, "missing=0.3; extra=0.3");
        _seeded = _plain.WithHeader(RequestPipeline.VariationHeader, "missing=0.3; extra=0.3; seed=42");
        foreach (var request in new[] { _plain, _varied, _seeded })
        {
            var status = _pipeline.HandleAsync(request).AsTask().GetAwaiter().GetResult().Status;
            if (status != 200)
            {
                throw new InvalidOperationException($"GET {href.AbsolutePath} answered {status}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "GET vehicle, plain")]
    public Task Plain() => _pipeline.HandleAsync(_plain).AsTask();

    [Benchmark(Description = "GET vehicle, missing=0.3 extra=0.3")]
    public Task Varied() => _pipeline.HandleAsync(_varied).AsTask();

    [Benchmark(Description = "GET vehicle, missing=0.3 extra=0.3 seed=42")]
    public Task Seeded() => _pipeline.HandleAsync(_seeded).AsTask();

    private static MockRequest Get(string path) => new() { Method = "GET", Path = path, BaseUrl = "http://localhost:8080" };
}
