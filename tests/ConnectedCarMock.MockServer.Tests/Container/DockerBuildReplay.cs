using System.Diagnostics;
using System.Text;

namespace ConnectedCarMock.MockServer.Tests.Container;

/// <summary>
/// The Dockerfile's build stage replayed without Docker, in a scratch directory that stands for the
/// stage's file system: each <c>COPY</c> copies what it names from the build context (minus what
/// <c>.dockerignore</c> leaves out), each <c>RUN</c> runs the same <c>dotnet</c> command in the same
/// working directory, with container paths such as <c>/app</c> mapped into the scratch directory.
/// A project file the Dockerfile forgets to copy, or a publish that only works with the whole
/// repository around it, fails here as it would in <c>docker build</c>.
/// </summary>
internal sealed class DockerBuildReplay
{
    private static readonly HashSet<string> Replayed = ["WORKDIR", "COPY", "RUN", "ENV", "ARG", "LABEL"];

    private DockerBuildReplay(string root, string appDirectory, IReadOnlyList<string> commands)
    {
        Root = root;
        AppDirectory = appDirectory;
        Commands = commands;
    }

    /// <summary>The scratch directory standing for <c>/</c> of the build stage.</summary>
    public string Root { get; }

    /// <summary>Where the files the runtime stage copies from the build stage are (its WORKDIR content).</summary>
    public string AppDirectory { get; }

    /// <summary>The RUN commands as run, for messages.</summary>
    public IReadOnlyList<string> Commands { get; }

    public static async Task<DockerBuildReplay> RunAsync(DockerfileModel dockerfile, string contextRoot, string root, TimeSpan timeout)
    {
        var final = dockerfile.Final;
        var fromBuild = final.All("COPY").Select(c => (Instruction: c, Words: DockerfileModel.Words(c.Arguments)))
            .FirstOrDefault(c => c.Words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)));
        if (fromBuild.Instruction is null)
        {
            throw new InvalidOperationException($"{dockerfile.Path}: the runtime stage copies nothing from a build stage (COPY --from=...)");
        }

        var stageName = fromBuild.Words.First(w => w.StartsWith("--from=", StringComparison.Ordinal))["--from=".Length..];
        var build = dockerfile.Stage(stageName);
        var ignore = DockerIgnore.Load(Path.Combine(contextRoot, ".dockerignore"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new List<string>();
        Directory.CreateDirectory(root);

        foreach (var instruction in build.Instructions)
        {
            if (!Replayed.Contains(instruction.Keyword))
            {
                throw new NotSupportedException($"{dockerfile.Path} {instruction}: the container test does not replay {instruction.Keyword}; teach DockerBuildReplay");
            }

            var workdir = Map(root, build.WorkdirAt(instruction));
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    Directory.CreateDirectory(workdir);
                    break;
                case "ENV":
                    foreach (var (name, value) in new DockerStage(build.Image, null, [instruction]).Environment())
                    {
                        environment[name] = value;
                    }

                    break;
                case "COPY":
                    Copy(instruction, contextRoot, ignore, root, workdir);
                    break;
                case "RUN":
                    commands.Add(instruction.Arguments);
                    await RunAsync(instruction, root, workdir, environment, timeout);
                    break;
                default:
                    break;
            }
        }

        var copyWords = fromBuild.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (copyWords.Count != 2)
        {
            throw new NotSupportedException($"{dockerfile.Path} {fromBuild.Instruction}: expected one source and one destination");
        }

        var appDirectory = Map(root, copyWords[0]);
        if (!Directory.Exists(appDirectory))
        {
            throw new InvalidOperationException($"{dockerfile.Path} {fromBuild.Instruction}: the build stage produced no {copyWords[0]}");
        }

        return new DockerBuildReplay(root, appDirectory, commands);
    }

    /// <summary>A container path (absolute) inside the scratch directory.</summary>
    private static string Map(string root, string containerPath) =>
        Path.GetFullPath(Path.Combine(root, containerPath.TrimStart('/')));

    private static void Copy(DockerInstruction instruction, string contextRoot, DockerIgnore ignore, string root, string workdir)
    {
        var words = DockerfileModel.Words(instruction.Arguments);
        if (words.Any(w => w.StartsWith("--", StringComparison.Ordinal)) || instruction.Arguments.StartsWith('['))
        {
            throw new NotSupportedException($"{instruction}: only plain 'COPY src... dest' is replayed in the build stage");
        }

        var sources = words[..^1];
        var destinationText = words[^1];
        var destination = destinationText.StartsWith('/') ? Map(root, destinationText) : Path.GetFullPath(Path.Combine(workdir, destinationText));
        var intoDirectory = sources.Count > 1 || destinationText.EndsWith('/') || destinationText is "." or "./";
        foreach (var source in sources)
        {
            if (source.IndexOfAny(['*', '?', '[']) >= 0)
            {
                throw new NotSupportedException($"{instruction}: wildcards in COPY sources are not replayed");
            }

            var relative = ContextPath(source);
            var full = Path.Combine(contextRoot, relative);
            if (relative.Length > 0 && ignore.IsExcluded(relative))
            {
                throw new InvalidOperationException($"{instruction}: '{source}' is excluded by .dockerignore");
            }

            if (Directory.Exists(full))
            {
                var copied = CopyDirectory(full, relative, destination, ignore);
                if (copied == 0)
                {
                    throw new InvalidOperationException($"{instruction}: nothing of '{source}' is left in the build context");
                }
            }
            else if (File.Exists(full))
            {
                var target = intoDirectory ? Path.Combine(destination, Path.GetFileName(full)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(full, target, overwrite: true);
            }
            else
            {
                throw new InvalidOperationException($"{instruction}: '{source}' is not in the build context {contextRoot}");
            }
        }
    }

    /// <summary>Copies a directory's content (as COPY does) skipping what .dockerignore excludes; returns the files copied.</summary>
    private static int CopyDirectory(string source, string relative, string destination, DockerIgnore ignore)
    {
        Directory.CreateDirectory(destination);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (!ignore.IsExcluded(Join(relative, name)))
            {
                File.Copy(file, Path.Combine(destination, name), overwrite: true);
                count++;
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (!ignore.IsExcluded(Join(relative, name)))
            {
                count += CopyDirectory(directory, Join(relative, name), Path.Combine(destination, name), ignore);
            }
        }

        return count;
    }

    /// <summary>A COPY source as a path relative to the context root ("" for the root itself).</summary>
    private static string ContextPath(string source)
    {
        var path = source.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path.Trim('/');
        return path == "." ? string.Empty : path;
    }

    private static string Join(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;

    private static async Task RunAsync(DockerInstruction instruction, string root, string workdir, Dictionary<string, string> environment, TimeSpan timeout)
    {
        if (instruction.Arguments.StartsWith('[') || instruction.Arguments.IndexOfAny(['&', '|', ';', '$', '<', '>', '`', '"', '\'', '\\']) >= 0)
        {
            throw new NotSupportedException($"{instruction}: only plain 'RUN dotnet ...' commands are replayed; keep one command per RUN");
        }

        var words = DockerfileModel.Words(instruction.Arguments);
        if (words[0] != "dotnet")
        {
            throw new NotSupportedException($"{instruction}: only dotnet commands are replayed");
        }

        var start = new ProcessStartInfo(words[0])
        {
            WorkingDirectory = workdir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word.StartsWith('/') ? Map(root, word) : word);
        }

        // A clean build like the container's: no MSBuild settings inherited from the `dotnet test`
        // that runs this test. No node reuse and no shared compiler server either, so no process
        // outlives the command (and keeps its output pipes open).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // An empty NuGet package folder of the stage's own, as `docker build` starts with: a package the
        // restore forgets (e.g. the ReadyToRun compiler) fails the publish here on every machine, not
        // only on a fresh one. (NuGet's HTTP cache stays shared: it only saves downloads.)
        start.Environment["NUGET_PACKAGES"] = Map(root, "/root/.nuget/packages");
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{instruction}: still running after {timeout}:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{instruction} exited with {process.ExitCode} (run in {workdir}):\n{output}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }
}
