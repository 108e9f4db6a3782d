using System.Diagnostics;
using System.Reflection;
using ConnectedCarMock.Schemas.Tests.Corpus;

namespace ConnectedCarMock.Schemas.Tests.Fuzz;

/// <summary>
/// The real <c>connectedcar-mock spec FILE</c> process on a sample of the fuzz plan and on corpus documents:
/// the exit code is 0 or 2, it is what the loader decides in-process, and a refusal is one line on stderr.
/// </summary>
[NonParallelizable]
public class SpecCliProcessTests
{
    private const int PerMutation = 3;

    // Documents that needed repairs, the one with a missing external file, and the one that used to crash.
    private static readonly string[] CorpusSample = ["clickmeter-v2.yaml", "vonage-application-2.1.0.yaml", "codat-sync-for-commerce-1.1.json", "netbird-0.0.1.yaml"];

    private static string Cli
    {
        get
        {
            var configuration = typeof(SpecCliProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var dll = Path.Combine(TestPaths.RepositoryRoot, "mockserver", "ConnectedCarMock.MockServer", "bin", configuration, "net10.0", "connectedcar-mock.dll");
            Assert.That(dll, Does.Exist, "the test project builds the mock server first (ProjectReference)");
            return dll;
        }
    }

    [Test]
    public async Task The_process_exits_0_or_2_as_the_loader_decides_with_one_line_for_a_refusal()
    {
        var folder = Directory.CreateTempSubdirectory("ccmock-fuzz-cli-").FullName;
        try
        {
            var files = Sample(folder);
            var runs = await Task.WhenAll(files.Select(RunSpecAsync));
            var failures = new List<string>();
            var codes = new List<int>();
            foreach (var (file, (code, stdout, stderr)) in files.Zip(runs))
            {
                var expected = LoadOutcome.OfFile(file);
                codes.Add(code);
                var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var problem = code switch
                {
                    _ when code != expected.ExitCode => $"exit {code}, the loader says {expected.ExitCode} ({expected.Line})",
                    2 when lines.Length != 1 || lines[0] != expected.Line => $"stderr is not the one line '{expected.Line}': {stderr}",
                    0 when !stdout.Contains("operations", StringComparison.Ordinal) => "no summary on stdout",
                    _ when (stdout + stderr).Contains("   at ", StringComparison.Ordinal) => "a stack trace",
                    _ => null,
                };
                if (problem is not null)
                {
                    failures.Add($"{Path.GetFileName(file)}: {problem}");
                }
            }

            TestContext.Out.WriteLine($"{files.Count} processes: {codes.Count(c => c == 0)} exit 0, {codes.Count(c => c == 2)} exit 2");
            Assert.Multiple(() =>
            {
                Assert.That(failures, Is.Empty);
                Assert.That(codes, Has.All.AnyOf(0, 2));
                Assert.That(codes, Does.Contain(0).And.Contain(2), "the sample holds documents that load and documents that do not");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the sample into <paramref name="folder"/>: per mutation kind, documents of spread-out sources.</summary>
    private static List<string> Sample(string folder)
    {
        var files = new List<string>();
        var sources = FuzzPlan.Sources;
        var kinds = Enum.GetValues<Mutation>();
        for (var k = 0; k < kinds.Length; k++)
        {
            for (var j = 0; j < PerMutation; j++)
            {
                var source = sources[((k * PerMutation) + j) * 7 % sources.Count];
                var document = FuzzPlan.Of(source).First(d => d.Mutation == kinds[k] && d.Round == j);
                var path = Path.Combine(folder, Path.GetFileName(document.Name) + ".yaml");
                File.WriteAllBytes(path, document.Bytes);
                files.Add(path);
            }
        }

        files.AddRange(CorpusSample.Where(_ => CorpusDocuments.Present).Select(CorpusDocuments.PathOf));
        return files;
    }

    // Two processes at a time: the machine has two cores and other test runs share them.
    private static readonly SemaphoreSlim Slots = new(2);

    private static async Task<(int Code, string Stdout, string Stderr)> RunSpecAsync(string file)
    {
        await Slots.WaitAsync();
        try
        {
            return await RunAsync("spec", file);
        }
        finally
        {
            Slots.Release();
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
