using System.Globalization;
using System.Runtime.InteropServices;
using ConnectedCarMock.Pact.Native;

namespace ConnectedCarMock.Pact;

/// <summary>
/// One engine pact holding a set of interactions, served by the engine's mock server. Disposing stops the
/// server and frees the pact; the engine keeps both in process-wide tables, so leaking them leaks for good.
/// </summary>
internal sealed class EngineMockServer : IPactMockServer
{
    private readonly PactHandle _pact;
    private readonly int _port;
    private bool _disposed;

    private EngineMockServer(PactHandle pact, int port, string host)
    {
        _pact = pact;
        _port = port;
        Uri = new Uri($"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri Uri { get; }

    public static EngineMockServer Start(PactParties parties, IReadOnlyList<InteractionDefinition> interactions)
    {
        var config = parties.Config;
        PactNative.EnsureInitialized(config.LogLevel);
        var pact = PactFfi.NewPact(parties.Consumer, parties.Provider);
        try
        {
            Check(PactFfi.WithSpecification(pact, config.Specification == PactSpecification.V3 ? FfiSpecification.V3 : FfiSpecification.V4), "set the specification");
            Check(PactFfi.WithPactMetadata(pact, "connectedCarMock", "pactDsl", typeof(PactBuilder).Assembly.GetName().Version?.ToString() ?? "0"), "set the metadata");
            foreach (var interaction in interactions)
            {
                Declare(pact, interaction);
            }

            var port = PactFfi.CreateMockServerForTransport(pact, config.Host, 0, "http", null);
            if (port <= 0)
            {
                throw new InvalidOperationException($"The Pact engine could not start its mock server on {config.Host} (error {port}: {StartError(port)}).");
            }

            return new EngineMockServer(pact, port, config.Host);
        }
        catch
        {
            _ = PactFfi.FreePactHandle(pact);
            throw;
        }
    }

    public bool Matched() => PactFfi.MockServerMatched(_port);

    public IReadOnlyList<string> Mismatches()
    {
        // Owned by the mock server (freed by cleanup): copied, never passed to pactffi_string_delete.
        var json = Marshal.PtrToStringUTF8(PactFfi.MockServerMismatches(_port));
        return MockMismatchFormatter.Format(json);
    }

    public void WritePact(string directory)
    {
        Directory.CreateDirectory(directory);
        // overwrite=false: the engine merges into an existing file, so several tests build one pact.
        var result = PactFfi.WritePactFile(_port, Path.GetFullPath(directory), overwrite: false);
        if (result != 0)
        {
            var reason = result switch
            {
                1 => "the engine panicked",
                2 => "the file could not be written (permissions, or an existing pact of another specification version?)",
                3 => "the mock server was gone",
                _ => "unknown error",
            };
            throw new IOException($"The Pact engine could not write the pact file into {directory} (error {result}: {reason}).");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ = PactFfi.CleanupMockServer(_port);
        _ = PactFfi.FreePactHandle(_pact);
    }

    private static void Declare(PactHandle pact, InteractionDefinition interaction)
    {
        var handle = PactFfi.NewInteraction(pact, interaction.Description);
        var what = $"interaction '{interaction.Description}'";
        foreach (var (state, parameters) in interaction.States)
        {
            if (parameters is null)
            {
                Check(PactFfi.Given(handle, state), $"add state '{state}' to {what}");
            }
            else if (PactFfi.GivenWithParams(handle, state, parameters) != 0)
            {
                throw new InvalidOperationException($"The Pact engine refused the parameters of state '{state}' in {what}: {parameters}");
            }
        }

        Check(PactFfi.WithRequest(handle, interaction.Method, interaction.Path), $"set the request of {what}");
        foreach (var group in interaction.Query.GroupBy(q => q.Name, StringComparer.Ordinal))
        {
            nuint index = 0;
            foreach (var (name, value) in group)
            {
                Check(PactFfi.WithQueryParameter(handle, name, index++, value), $"add query parameter '{name}' to {what}");
            }
        }

        DeclarePart(handle, FfiPart.Request, interaction.Request, what);
        Check(PactFfi.ResponseStatus(handle, interaction.Status), $"set the status of {what}");
        DeclarePart(handle, FfiPart.Response, interaction.Response, what);
    }

    private static void DeclarePart(InteractionHandle handle, FfiPart part, InteractionDefinition.Part definition, string what)
    {
        foreach (var group in definition.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            nuint index = 0;
            foreach (var (name, value) in group)
            {
                Check(PactFfi.WithHeader(handle, part, name, index++, value), $"add header '{name}' to {what}");
            }
        }

        if (definition.Body is { } body)
        {
            Check(PactFfi.WithBody(handle, part, definition.ContentType ?? "application/json", body), $"set the {part.ToString().ToLowerInvariant()} body of {what}");
        }
    }

    private static void Check(bool succeeded, string action)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"The Pact engine refused to {action}.");
        }
    }

    private static string StartError(int code) => code switch
    {
        -1 => "invalid pact handle",
        -2 => "invalid transport configuration",
        -3 => "the server could not start (port in use?)",
        -4 => "the engine panicked",
        -5 => "invalid address",
        _ => "unknown error",
    };
}
