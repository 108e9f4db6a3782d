using System.Diagnostics;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Cli;
using ConnectedCarMock.MockServer.State;
using YamlDotNet.RepresentationModel;

namespace ConnectedCarMock.Replicas.Tests;

/// <summary>
/// The examples in deploy/: valid for their tools as far as this machine allows (docker-compose's own
/// validation; the Kubernetes JSON schemas through kubernetes-models), and arguments the mock accepts.
/// Not run here: no Docker engine and no cluster, so no container starts from them.
/// </summary>
public class DeployFilesTests
{
    private static readonly string Compose = Path.Combine(TestPaths.RepositoryRoot, "deploy", "compose", "compose.yaml");
    private static readonly string Kubernetes = Path.Combine(TestPaths.RepositoryRoot, "deploy", "kubernetes", "connectedcar-mock.yaml");

    [Test]
    public void The_compose_file_is_valid_for_docker_compose()
    {
        var tool = Tool("docker-compose", "apt-get install -y docker-compose; .ci/run installs it");

        var result = Run(tool, "-f", Compose, "config", "-q");
        var broken = Path.Combine(Path.GetDirectoryName(Compose)!, "broken.compose.yaml");
        File.WriteAllText(broken, File.ReadAllText(Compose).Replace("restart: unless-stopped", "restart: [unless-stopped]", StringComparison.Ordinal));
        try
        {
            Assert.That(result.Code, Is.Zero, result.Output);
            Assert.That(Run(tool, "-f", broken, "config", "-q").Code, Is.Not.Zero, "the check rejects a file docker-compose cannot use");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Test]
    public void The_kubernetes_manifest_is_valid_for_the_kubernetes_schemas()
    {
        var node = Tool("node", "Node.js is needed");
        var folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "deploy");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models")))
        {
            Assert.Ignore("kubernetes-models is not installed: (cd tests/deploy && npm install); .ci/run does it");
        }

        var result = Run(node, Path.Combine(folder, "validate-kubernetes.mjs"), Kubernetes);

        Assert.That(result.Code, Is.Zero, result.Output);
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[]
        {
            "ok Secret/connectedcar-mock", "ok PersistentVolumeClaim/connectedcar-mock-redis", "ok Deployment/connectedcar-mock-redis",
            "ok Service/connectedcar-mock-redis", "ok Deployment/connectedcar-mock", "ok Service/connectedcar-mock",
        }));
    }

    [Test]
    public void Compose_runs_three_replicas_on_one_redis_behind_a_round_robin_balancer_with_arguments_the_mock_accepts()
    {
        var services = (YamlMappingNode)Load(Compose)[0]["services"];
        var mocks = services.Children.Where(s => s.Key.ToString().StartsWith("mock-", StringComparison.Ordinal)).Select(s => (YamlMappingNode)s.Value).ToList();
        var nginx = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Compose)!, "nginx.conf"));

        Assert.That(mocks, Has.Count.EqualTo(3));
        Assert.That(Enumerable.Range(1, 3).All(i => nginx.Contains($"server mock-{i}:8080;", StringComparison.Ordinal)), Is.True, nginx);
        foreach (var mock in mocks)
        {
            AcceptedByTheMock(Strings(mock["command"]), Environment(mock["environment"]), redisHost: "redis", services);
        }
    }

    [Test]
    public void Kubernetes_runs_three_replicas_on_one_redis_with_arguments_the_mock_accepts()
    {
        var documents = Load(Kubernetes).Cast<YamlMappingNode>().ToList();
        var deployment = documents.Single(d => d["kind"].ToString() == "Deployment" && d["metadata"]["name"].ToString() == "connectedcar-mock");
        var container = (YamlMappingNode)((YamlSequenceNode)deployment["spec"]["template"]["spec"]["containers"])[0];
        var services = documents.Where(d => d["kind"].ToString() == "Service").Select(d => d["metadata"]["name"].ToString()).ToList();

        Assert.That(deployment["spec"]["replicas"].ToString(), Is.EqualTo("3"));
        Assert.That(services, Is.EquivalentTo(new[] { "connectedcar-mock", "connectedcar-mock-redis" }));
        var secretName = container["env"] is YamlSequenceNode env ? env.Cast<YamlMappingNode>().Select(e => e["name"].ToString()) : [];
        Assert.That(secretName, Does.Contain("CCMOCK_SIGNING_SECRET"), "every replica signs with the same key");
        AcceptedByTheMock(Strings(container["args"]), new Dictionary<string, string> { ["CCMOCK_SIGNING_SECRET"] = "from-the-secret" }, redisHost: "connectedcar-mock-redis", null);
    }

    private static void AcceptedByTheMock(string[] args, Dictionary<string, string> environment, string redisHost, YamlMappingNode? composeServices)
    {
        var parse = MockCli.Parse(args, TextWriter.Null, TextWriter.Null);
        Assert.That(parse.Errors.Select(e => e.Message), Is.Empty, string.Join(' ', args));
        Assert.That(() => MockServerOptions.FromEnvironment(environment.GetValueOrDefault), Throws.Nothing);
        var state = args[Array.IndexOf(args, "--state") + 1];
        var target = RedisStateTarget.Parse(state, args[Array.IndexOf(args, "--state-prefix") + 1]);
        Assert.That(target.Host, Is.EqualTo(redisHost), "the replicas point at the Redis of the same file");
        if (composeServices is not null)
        {
            Assert.That(composeServices.Children.Keys.Select(k => k.ToString()), Does.Contain(redisHost));
        }
    }

    private static List<YamlNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(file));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    private static string[] Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Select(n => n.ToString())];

    private static Dictionary<string, string> Environment(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    private static string Tool(string name, string install)
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Ignore($"{name} is not installed here ({install})");
        }

        return found!;
    }

    private static (int Code, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
