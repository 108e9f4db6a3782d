using BenchmarkDotNet.Running;
using ConnectedCarMock.Benchmarks;

// "floor PORT BODY_FILE" serves one static WireMock.Net mapping: the baseline of the load script.
if (args.Length > 0 && args[0] == "floor")
{
    return await FloorServer.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(SpecLoadingBenchmarks).Assembly).Run(args);
return 0;
