using System.Diagnostics;
using System.Text.Json;

namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>
/// The official Pact tools, pinned in <c>tests/interop/package.json</c> and fetched by package name with npm:
/// pact-js (<c>@pact-foundation/pact</c>, run with node) and the official CLI
/// (<c>@pact-foundation/pact-cli-linux-x64</c>, <c>pact verifier</c>). .ci/run installs them; a test run on a
/// machine without them installs them once, and the tests that need them are skipped, saying why, only if npm
/// cannot fetch them.
/// </summary>
internal static class OfficialTools
{
    private static readonly Lazy<string?> s_missing = new(Install);

    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "interop");

    public static string PactCli => Path.Combine(Folder, "node_modules", "@pact-foundation", "pact-cli-linux-x64", "standalone", "pact");

    private static string PactJs => Path.Combine(Folder, "node_modules", "@pact-foundation", "pact", "package.json");

    /// <summary>Skips the calling test when the tools are not there and npm cannot fetch them.</summary>
    public static void Require()
    {
        if (s_missing.Value is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    /// <summary>Runs consumer.js: pact-js writes its good pacts into <c>{folder}/good</c> and its wrong ones into <c>{folder}/wrong</c>.</summary>
    public static async Task WritePactJsPactsAsync(string folder)
    {
        var (exit, output) = await RunAsync("node", [Path.Combine(Folder, "consumer.js"), folder], Folder, TimeSpan.FromMinutes(2));
        if (exit != 0)
        {
            // Writing the pacts is this test's set-up, done by a third-party tool: pact-js' mock server once reported
            // a request it had been sent as "expected but not received" (a fresh-clone run under load; the same
            // script passed on every rerun). One more run, from an empty folder; the first failure stays in the log.
            TestContext.Out.WriteLine("pact-js consumer failed once, running it again: " + output);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            (exit, output) = await RunAsync("node", [Path.Combine(Folder, "consumer.js"), folder], Folder, TimeSpan.FromMinutes(2));
        }

        Assert.That(exit, Is.Zero, "pact-js consumer failed: " + output);
    }

    /// <summary>The mock's message endpoint, where the official verifier fetches the messages of message interactions.</summary>
    public const string MessagesPath = "/__mock/messages";

    /// <summary>
    /// One run of the official <c>pact verifier</c> over one pact file: its exit code and each interaction's verdict.
    /// A pact with message interactions gets the mock's message endpoint as the <c>message</c> transport
    /// (<c>--transports http:PORT --transports message:PORT/__mock/messages</c>, the official way for a V4 pact with both kinds).
    /// </summary>
    public static async Task<(int Exit, IReadOnlyDictionary<string, bool> Verdicts, string Output)> VerifyAsync(string pactFile, Uri provider, Uri? stateUrl, bool teardown)
    {
        var report = Path.Combine(Path.GetTempPath(), $"official-{Guid.NewGuid():N}.json");
        var pact = PactDocument.Parse(File.ReadAllText(pactFile));
        var port = provider.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arguments = new List<string> { "verifier", "-f", pactFile, "-n", pact.Provider, "-h", provider.Host, "-p", port, "-j", report, "--no-colour" };
        if (pact.Messages.Count > 0)
        {
            arguments.AddRange(["--transports", $"http:{port}", "--transports", $"message:{port}{MessagesPath}"]);
        }

        if (stateUrl is not null)
        {
            arguments.AddRange(["-s", stateUrl.ToString()]);
        }

        if (teardown)
        {
            arguments.Add("--state-change-teardown");
        }

        var (exit, output) = await RunAsync(PactCli, arguments, Folder, TimeSpan.FromMinutes(2));
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (File.Exists(report))
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            foreach (var result in json.RootElement.GetProperty("interactionResults").EnumerateArray())
            {
                verdicts[result.GetProperty("description").GetString()!] = result.GetProperty("result").GetString() == "OK";
            }

            File.Delete(report);
        }

        return (exit, verdicts, output);
    }

    private static string? Install()
    {
        if (File.Exists(PactCli) && File.Exists(PactJs))
        {
            return null;
        }

        try
        {
            var (exit, output) = RunAsync("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
            return File.Exists(PactCli) && File.Exists(PactJs)
                ? null
                : $"npm could not fetch the official Pact tools pinned in tests/interop/package.json (npm install exited {exit}): {output.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"npm is not installed, so the official Pact tools pinned in tests/interop/package.json cannot be fetched: {e.Message}";
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PACT_DO_NOT_TRACK"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
