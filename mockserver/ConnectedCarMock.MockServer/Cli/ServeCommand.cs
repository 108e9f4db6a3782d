using System.CommandLine;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary><c>connectedcar-mock [serve]</c>: runs the mock until interrupted.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("serve", "Serve the mock (the default when no command is given).");
        Configure(command, output, error);
        return command;
    }

    public static void Configure(Command command, TextWriter output, TextWriter error)
    {
        var binding = new ServerOptionsBinding();
        binding.AddTo(command);
        binding.AddStateTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(binding.Read(parse), output, error, cancellationToken));
    }

    private static async Task<int> RunAsync(MockServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ConnectedCarMockServer server;
        try
        {
            server = await ConnectedCarMockServer.StartAsync(options, message => error.WriteLine(message), cancellationToken);
        }
        catch (SpecLoadException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return MockCli.UsageError;
        }
        catch (StoreUnavailableException ex)
        {
            await error.WriteLineAsync($"connectedcar-mock: {ex.Message}");
            return MockCli.UsageError;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            await error.WriteLineAsync($"connectedcar-mock: {ex.Message}");
            return MockCli.UsageError;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await error.WriteLineAsync($"connectedcar-mock: cannot listen on {options.Host}:{options.Port}: {ex.Message}");
            return MockCli.UsageError;
        }

        await using (server)
        {
            await output.WriteLineAsync($"ConnectedCarMock serving {server.Document.Title} {server.Document.Version} ({server.Document.Operations.Count} operations, seed {options.Seed}, {options.WorldSize} vehicles)");
            await output.WriteLineAsync($"  API     {server.ApiUrl}");
            await output.WriteLineAsync($"  health  {server.BaseUrl}{ConnectedCarMockServer.HealthPath}");
            await output.WriteLineAsync($"  state   {(options.State is { } state ? RedisStateTarget.Parse(state, options.StatePrefix).Display : "in memory")}");
            await output.WriteLineAsync($"  admin   {server.BaseUrl}/__admin (journal: /__admin/requests, reset state: POST {ConnectedCarMockServer.ResetPath})");
            await output.WriteLineAsync($"  events  {server.BaseUrl}{Events.EventEndpoints.DeliveriesPath} (delivery journal; trigger a monitor: POST {Events.EventEndpoints.MonitorsPath}/{{id}}/trigger)");
            await output.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: dispose and exit 0.
            }
        }

        return MockCli.Success;
    }
}
