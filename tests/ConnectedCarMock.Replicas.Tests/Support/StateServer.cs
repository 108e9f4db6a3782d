using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Garnet;

namespace ConnectedCarMock.Replicas.Tests.Support;

/// <summary>A real Redis-protocol server for one test: started, stopped and started again on the same port.</summary>
internal abstract class StateServer : IAsyncDisposable
{
    protected StateServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public abstract string Name { get; }

    /// <summary>Whether what the server acknowledged survives <see cref="Stop"/> and <see cref="Start"/>.</summary>
    public abstract bool Persistent { get; }

    public static StateServer Create(string kind) => kind switch
    {
        "garnet" => new GarnetStateServer(FreePort()),
        "redis" => RedisStateServer.Create(FreePort()),
        _ => throw new ArgumentException(kind),
    };

    public abstract void Start();

    /// <summary>Stops the server abruptly (the process killed, or Garnet disposed).</summary>
    public abstract void Stop();

    public virtual ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until the server accepts connections.</summary>
    protected void WaitListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"{Name} did not listen on {Port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Microsoft Garnet in this process, with Lua scripts run as transactions (atomic, as Redis runs them); in memory only, so a restart starts empty.</summary>
internal sealed class GarnetStateServer(int port) : StateServer(port)
{
    private GarnetServer? _server;

    public override string Name => "Garnet 2.2.8";

    public override bool Persistent => false;

    public override void Start()
    {
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true", "--lua-transaction-mode", "true"]);
        _server.Start();
        WaitListening();
    }

    public override void Stop()
    {
        _server?.Dispose();
        _server = null;
    }
}

/// <summary>
/// Debian's <c>redis-server</c> as a child process with <c>appendonly yes</c> and <c>appendfsync always</c>:
/// Redis writes and syncs the append-only file before it answers, so whatever it acknowledged survives a
/// kill -9 and is there again when it starts on the same folder.
/// </summary>
internal sealed class RedisStateServer : StateServer
{
    private readonly string _executable;
    private readonly string _folder = Directory.CreateTempSubdirectory("ccmock-redis-").FullName;
    private Process? _process;

    private RedisStateServer(string executable, int port)
        : base(port)
    {
        _executable = executable;
    }

    public override string Name => "redis-server";

    public override bool Persistent => true;

    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static StateServer Create(int port)
    {
        if (Executable is not { } executable)
        {
            Assert.Ignore("redis-server is not installed here (apt-get install -y redis-server; .ci/run installs it)");
            throw new InvalidOperationException();
        }

        return new RedisStateServer(executable, port);
    }

    public override void Start()
    {
        var start = new ProcessStartInfo(_executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder, "--appendonly", "yes", "--appendfsync", "always", "--save", string.Empty, "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitListening();
    }

    public override void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned later.
        }
    }
}
