using System.Runtime.InteropServices;
using ConnectedCarMock.Pact.Native;

namespace ConnectedCarMock.Pact;

/// <summary>The Pact engine itself: <c>libpact_ffi</c>, loaded on first use from beside the assemblies.</summary>
internal sealed class FfiPactDriver : IPactDriver
{
    public static FfiPactDriver Instance { get; } = new();

    private FfiPactDriver()
    {
    }

    public string EngineVersion
    {
        get
        {
            PactNative.EnsureInitialized();
            // A static string inside the library: not ours to free.
            return Marshal.PtrToStringUTF8(PactFfi.Version()) ?? string.Empty;
        }
    }

    public IPactMockServer StartMockServer(PactParties parties, IReadOnlyList<InteractionDefinition> interactions) =>
        EngineMockServer.Start(parties, interactions);

    public IPactMessageSet DeclareMessages(PactParties parties, IReadOnlyList<MessageDefinition> messages) =>
        EngineMessagePact.Declare(parties, messages);

    public EngineRun Verify(EngineVerification verification) => EngineVerifier.Execute(verification);
}
