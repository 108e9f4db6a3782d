using System.Diagnostics;

namespace ConnectedCarMock.MockServer.Tests.Support;

/// <summary>The built <c>connectedcar-mock</c> running as its own process (as a container would run it).</summary>
internal sealed class MockProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MockProcess(Process process, string apiUrl)
    {
        _process = process;
        ApiUrl = apiUrl;
        BaseUrl = new Uri(apiUrl).GetLeftPart(UriPartial.Authority);
    }

    public string ApiUrl { get; }

    public string BaseUrl { get; }

    public static async Task<MockProcess> StartAsync(string dll, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"connectedcar-mock exited with {process.ExitCode}: {error}");
            }

            var trimmed = line.Trim();
            if (trimmed.StartsWith("API ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return new MockProcess(process, trimmed[4..].Trim());
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("connectedcar-mock did not report its API URL");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
