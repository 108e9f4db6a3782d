using BenchmarkDotNet.Attributes;
using ConnectedCarMock.Schemas;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ConnectedCarMock.Benchmarks;

/// <summary>
/// Loading the published document, warm and in-process. The baseline is OpenAPI.NET's own YAML
/// reader on the same bytes (which finds none of its operations), so the ratio is what our
/// repairs, scope conventions and model cost on top of a plain parse.
/// </summary>
[MemoryDiagnoser]
public class SpecLoadingBenchmarks
{
    private byte[] _published = [];
    private OpenApiReaderSettings _settings = new();

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("CCMOCK_PUBLISHED_SPEC")
            ?? Path.Combine(FindRoot(), "..", "shared", "specs", "stellantis-connected-car-v2.yaml");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The published document is not at {path}; it is read from ../shared/specs/ (set CCMOCK_PUBLISHED_SPEC).");
        }

        _published = File.ReadAllBytes(path);
        _settings = new OpenApiReaderSettings();
        _settings.AddYamlReader();
    }

    [Benchmark(Baseline = true, Description = "OpenAPI.NET YAML reader, raw published document")]
    public int OpenApiNetRaw()
    {
        using var stream = new MemoryStream(_published);
        var result = OpenApiDocument.Load(stream, "yaml", _settings);
        return result.Document?.Paths?.Count ?? 0;
    }

    [Benchmark(Description = "SpecLoader, published document (repairs + model)")]
    public int LoadPublished() => SpecLoader.Load(_published, "published.yaml").Operations.Count;

    [Benchmark(Description = "SpecLoader, embedded document")]
    public int LoadEmbedded() => SpecLoader.LoadEmbedded().Operations.Count;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectedCarMock.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
