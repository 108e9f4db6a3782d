using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Container;

/// <summary>
/// The container image without a Docker engine (none runs here or in CI): the Dockerfile is read,
/// its build stage replayed (same COPY lines, same restore and publish commands), and the published
/// output started with the runtime stage's ENV, ENTRYPOINT and CMD. Change the Dockerfile and these
/// tests follow it, or fail.
/// </summary>
[NonParallelizable]
public class ContainerStartupTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "ccmock-container-" + Guid.NewGuid().ToString("N")[..8]);
    private Lazy<Task<DockerBuildReplay>> _build = null!;

    private static string DockerfilePath => Path.Combine(TestPaths.RepositoryRoot, "Dockerfile");

    private static DockerfileModel Dockerfile => DockerfileModel.Load(DockerfilePath);

    [OneTimeSetUp]
    public void ShareOneBuild() =>
        // One restore + publish per test run (about 40 s on two cores), shared by the tests that need it.
        _build = new Lazy<Task<DockerBuildReplay>>(() => DockerBuildReplay.RunAsync(Dockerfile, TestPaths.RepositoryRoot, _scratch, BuildTimeout));

    [OneTimeTearDown]
    public void RemoveScratch()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Test]
    public void Image_is_built_with_the_sdk_and_runs_without_it_as_a_non_root_user()
    {
        var dockerfile = Dockerfile;
        var final = dockerfile.Final;
        Assert.Multiple(() =>
        {
            Assert.That(dockerfile.Stages, Has.Count.GreaterThanOrEqualTo(2), "multi-stage");
            Assert.That(dockerfile.Stages[0].Image, Is.EqualTo("mcr.microsoft.com/dotnet/sdk:10.0"));
            Assert.That(final.Image, Is.AnyOf("mcr.microsoft.com/dotnet/aspnet:10.0", "mcr.microsoft.com/dotnet/runtime:10.0"), "no SDK in the image");
            Assert.That(dockerfile.Stages.SelectMany(s => s.All("RUN")).Select(r => r.Arguments),
                Has.Some.StartsWith("dotnet publish mockserver/ConnectedCarMock.MockServer -c Release").And.Some.Contains("-o /app"));

            var user = final.Last("USER")?.Arguments;
            Assert.That(user, Is.Not.Null, "the runtime stage sets USER");
            Assert.That(user!.Split(':')[0], Is.Not.AnyOf("root", "0"), "USER is not root");

            Assert.That(final.All("EXPOSE").SelectMany(e => DockerfileModel.Words(e.Arguments)), Has.Some.AnyOf("8080", "8080/tcp"));
            var environment = final.Environment();
            Assert.That(environment.GetValueOrDefault("CCMOCK_HOST"), Is.EqualTo("0.0.0.0"));
            Assert.That(environment.GetValueOrDefault("CCMOCK_PORT"), Is.EqualTo("8080"), "the port EXPOSE names");

            var healthcheck = final.HealthcheckCommand();
            Assert.That(healthcheck, Is.Not.Null, "HEALTHCHECK (and not NONE)");
            Assert.That(string.Join(' ', healthcheck ?? []), Does.Contain(ConnectedCarMockServer.HealthPath));

            Assert.That(final.ExecForm("ENTRYPOINT"), Is.EqualTo(new[] { "dotnet", "connectedcar-mock.dll" }));
            Assert.That(final.ExecForm("CMD"), Is.Not.Null, "a default CMD");
        });
    }

    [Test]
    public void Restore_names_the_runtime_and_properties_the_publish_uses()
    {
        // A --no-restore publish has only what the restore fetched: same -r, same -p:Name=value.
        var runs = Dockerfile.Stages.SelectMany(s => s.All("RUN")).Select(r => DockerfileModel.Words(r.Arguments)).ToList();
        var restore = runs.Single(w => w.Count > 1 && w[0] == "dotnet" && w[1] == "restore");
        var publish = runs.Single(w => w.Count > 1 && w[0] == "dotnet" && w[1] == "publish");
        Assert.That(publish, Does.Contain("--no-restore"), "publish reuses the restore layer");
        Assert.That(RestoreInputs(restore), Is.EquivalentTo(RestoreInputs(publish)), "restore: " + string.Join(' ', restore) + "\npublish: " + string.Join(' ', publish));
    }

    /// <summary>The runtime identifier and MSBuild properties of a dotnet command: what decides which packages a restore needs.</summary>
    private static IEnumerable<string> RestoreInputs(IReadOnlyList<string> words) =>
        words.Select((word, i) => word is "-r" or "--runtime" && i + 1 < words.Count ? "runtime=" + words[i + 1] : word)
            .Where(word => word.StartsWith("runtime=", StringComparison.Ordinal) || word.StartsWith("-p:", StringComparison.Ordinal));

    [Test]
    public void Build_context_leaves_out_build_output_and_tooling_but_keeps_the_sources()
    {
        var ignore = DockerIgnore.Load(Path.Combine(TestPaths.RepositoryRoot, ".dockerignore"));
        Assert.Multiple(() =>
        {
            foreach (var path in new[]
            {
                "bin", "obj", "mockserver/ConnectedCarMock.MockServer/bin/Release/net10.0/connectedcar-mock.dll",
                "schemas/ConnectedCarMock.Schemas/obj/project.assets.json", "artifacts/test-results/x.trx", ".git/HEAD",
                "node_modules/x/package.json", "tests/pact/node_modules/x", ".pact-native/libpact_ffi.so",
            })
            {
                Assert.That(ignore.IsExcluded(path), Is.True, path);
            }

            foreach (var path in new[]
            {
                "mockserver/ConnectedCarMock.MockServer/Program.cs", "schemas/connected-car-v2.yaml",
                "fixtures/ConnectedCarMock.Fixtures/Scenarios", "Directory.Packages.props", ".editorconfig", "global.json",
            })
            {
                Assert.That(ignore.IsExcluded(path), Is.False, path);
            }
        });
    }

    [Test]
    public async Task Published_output_serves_health_and_the_api_with_the_images_environment_and_command()
    {
        var build = await _build.Value;
        await using var mock = await StartAsImageWouldAsync(build);
        using var http = new HttpClient { BaseAddress = Loopback(mock), Timeout = TimeSpan.FromSeconds(30) };

        await WaitForHealthAsync(http);
        // Security is on in the image, as in the real API: a client first gets a token for the
        // scopes the operation requires (client credentials at the mock's own token endpoint).
        var token = await TokenAsync(http, SpecLoader.LoadEmbedded().GetOperation("getVehicles").RequiredScopes);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/connectedcar/v1/accounts/vehicles", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/hal+json"));
            Assert.That(body, Does.Contain("\"_embedded\""));
        });
    }

    [Test]
    public async Task Healthcheck_command_passes_against_the_running_server_and_fails_once_it_is_gone()
    {
        var command = Dockerfile.Final.HealthcheckCommand()!;
        if (OperatingSystem.IsWindows() || (!File.Exists("/bin/bash") && !File.Exists("/usr/bin/bash")))
        {
            Assert.Ignore("The HEALTHCHECK is a bash command (as in the image); this machine has no bash.");
        }

        var build = await _build.Value;
        var mock = await StartAsImageWouldAsync(build);
        var environment = ContainerEnvironment(Loopback(mock).Port);
        try
        {
            using var http = new HttpClient { BaseAddress = Loopback(mock) };
            await WaitForHealthAsync(http);
            var (healthy, output) = await RunAsync(command, environment);
            Assert.That(healthy, Is.Zero, "healthy while serving: " + output);
        }
        finally
        {
            await mock.DisposeAsync();
        }

        var (afterStop, _) = await RunAsync(command, environment);
        Assert.That(afterStop, Is.Not.Zero, "unhealthy once nothing listens");
    }

    /// <summary>
    /// The runtime stage's ENV, with two overrides. CCMOCK_HOST: in the container 0.0.0.0 is needed
    /// because Docker forwards published ports to the container's network interface, not its loopback;
    /// here there is no network namespace, so 0.0.0.0 would open the mock on every interface of the
    /// CI machine, while the test only ever connects to 127.0.0.1. CCMOCK_PORT: 8080 is private to a
    /// container but shared on this machine (other services, parallel test runs), so the test lets the
    /// server take a free port (0, reported on the "API" line) instead of probing for one and racing.
    /// </summary>
    private static Dictionary<string, string> ContainerEnvironment(int port) =>
        new(Dockerfile.Final.Environment(), StringComparer.Ordinal)
        {
            ["CCMOCK_HOST"] = "127.0.0.1",
            ["CCMOCK_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>ENTRYPOINT + CMD of the runtime stage, the dll taken from where the build stage put it.</summary>
    private static Task<MockProcess> StartAsImageWouldAsync(DockerBuildReplay build)
    {
        var final = Dockerfile.Final;
        var entrypoint = final.ExecForm("ENTRYPOINT")!;
        Assert.That(entrypoint[0], Is.EqualTo("dotnet"), "the entry point runs the published dll with dotnet");
        var dll = Path.Combine(build.AppDirectory, entrypoint[1]);
        Assert.That(dll, Does.Exist, $"ENTRYPOINT names a file the publish produced ({string.Join(" && ", build.Commands)})");
        var arguments = entrypoint.Skip(2).Concat(final.ExecForm("CMD") ?? []);
        return MockProcess.StartAsync(dll, arguments, ContainerEnvironment(port: 0), TimeSpan.FromSeconds(60));
    }

    /// <summary>The mock reports "localhost"; it listens on 127.0.0.1 only, so ask there (no ::1 detour).</summary>
    private static Uri Loopback(MockProcess mock) => new UriBuilder(mock.BaseUrl) { Host = "127.0.0.1" }.Uri;

    private static async Task WaitForHealthAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await http.GetAsync(new Uri(ConnectedCarMockServer.HealthPath, UriKind.Relative));
                last = health.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{ConnectedCarMockServer.HealthPath} did not answer 200 within 30 s (last: {last?.ToString() ?? "no answer"})");
    }

    private static async Task<string> TokenAsync(HttpClient http, IEnumerable<string> scopes)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "container-test",
            ["scope"] = string.Join(' ', scopes),
        });
        using var response = await http.PostAsync(new Uri(OAuthEndpoints.TokenPath, UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"POST {OAuthEndpoints.TokenPath}: {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // HEALTHCHECK --timeout is shorter
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
