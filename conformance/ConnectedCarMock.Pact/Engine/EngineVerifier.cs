using System.Globalization;
using ConnectedCarMock.Pact.Native;

namespace ConnectedCarMock.Pact;

/// <summary>One run of the engine's verifier over one pact file; blocking, so callers run it off the request thread.</summary>
internal static class EngineVerifier
{
    public static EngineRun Execute(EngineVerification verification)
    {
        var (pactFile, providerName, target, providerPath, headers, stateUrl, teardown, timeoutSpan, logLevel, messageUrl) = verification;
        PactNative.EnsureInitialized(logLevel);
        var handle = PactFfi.VerifierNewForApplication("connectedcar-conformance", typeof(EngineVerifier).Assembly.GetName().Version?.ToString() ?? "0");
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("The Pact engine could not create a verifier.");
        }

        try
        {
            PactFfi.VerifierSetProviderInfo(handle, providerName, target.Scheme, target.Host, Port(target), providerPath);
            if (messageUrl is not null)
            {
                // The engine sends message requests to the provider's host, on this transport's port and path.
                PactFfi.VerifierAddProviderTransport(handle, "message", Port(messageUrl), messageUrl.AbsolutePath, messageUrl.Scheme);
            }

            if (stateUrl is not null)
            {
                // body=1: state and params go in a JSON body, as Pact's provider-state convention expects.
                PactFfi.VerifierSetProviderState(handle, stateUrl.ToString(), teardown: teardown ? (byte)1 : (byte)0, body: 1);
            }

            var timeout = (ulong)Math.Max(1, timeoutSpan.TotalMilliseconds);
            _ = PactFfi.VerifierSetVerificationOptions(handle, disableSslVerification: 0, timeout);
            // The engine also prints its report to stdout; without colours it stays readable in CI logs.
            _ = PactFfi.VerifierSetColouredOutput(handle, coloured: 0);
            foreach (var (name, value) in headers)
            {
                PactFfi.VerifierAddCustomHeader(handle, name, value);
            }

            PactFfi.VerifierAddFileSource(handle, pactFile);
            var exit = PactFfi.VerifierExecute(handle);
            var json = PactNative.TakeString(PactFfi.VerifierJson(handle)) ?? string.Empty;
            var output = PactNative.TakeString(PactFfi.VerifierOutput(handle, stripAnsi: 1)) ?? string.Empty;
            return new EngineRun(exit, json, output);
        }
        finally
        {
            PactFfi.VerifierShutdown(handle);
        }
    }

    private static ushort Port(Uri url) => (ushort)(url.IsDefaultPort ? (url.Scheme == Uri.UriSchemeHttps ? 443 : 80) : url.Port);

    public static string Describe(int exitCode) => exitCode switch
    {
        0 => "passed",
        1 => "verification failed",
        2 => "the verifier could not run (invalid handle or a panic)",
        _ => "exit code " + exitCode.ToString(CultureInfo.InvariantCulture),
    };
}
