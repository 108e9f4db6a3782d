using System.Runtime.InteropServices;

namespace ConnectedCarMock.Pact.Native;

/// <summary>Handle of a pact model inside the engine (<c>PactHandle</c>: a struct holding a uint16).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct PactHandle
{
    public readonly ushort Value;
}

/// <summary>Handle of an interaction inside the engine (<c>InteractionHandle</c>: a struct holding a uint32).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct InteractionHandle
{
    public readonly uint Value;
}

/// <summary><c>PactSpecification</c> of pact.h; only the versions we write are listed.</summary>
internal enum FfiSpecification
{
    V3 = 4,
    V4 = 5,
}

/// <summary><c>InteractionPart</c> of pact.h.</summary>
internal enum FfiPart
{
    Request = 0,
    Response = 1,
}

/// <summary><c>LevelFilter</c> of pact.h.</summary>
internal enum FfiLevel
{
    Off = 0,
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
    Trace = 5,
}

/// <summary>
/// The subset of pact_ffi 0.5.8 (<c>pact.h</c>) that the consumer DSL and the verifier use. Rust's
/// <c>bool</c> is one byte, hence <see cref="UnmanagedType.U1"/> on every bool. Strings the engine
/// returns are read as pointers so that their owner can free them (see <see cref="PactNative.TakeString"/>).
/// Call <see cref="PactNative.EnsureInitialized"/> before any of these.
/// </summary>
internal static partial class PactFfi
{
    private const string Lib = PactNative.LibraryName;

    [LibraryImport(Lib, EntryPoint = "pactffi_version")]
    internal static partial IntPtr Version();

    [LibraryImport(Lib, EntryPoint = "pactffi_string_delete")]
    internal static partial void StringDelete(IntPtr value);

    [LibraryImport(Lib, EntryPoint = "pactffi_log_to_stderr")]
    internal static partial int LogToStderr(FfiLevel level);

    // ---- consumer side: building a pact

    [LibraryImport(Lib, EntryPoint = "pactffi_new_pact", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PactHandle NewPact(string consumer, string provider);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_specification")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithSpecification(PactHandle pact, FfiSpecification version);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_pact_metadata", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithPactMetadata(PactHandle pact, string ns, string name, string value);

    /// <summary>A new HTTP interaction; the description given here is its "upon receiving".</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_new_interaction", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial InteractionHandle NewInteraction(PactHandle pact, string description);

    [LibraryImport(Lib, EntryPoint = "pactffi_given", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Given(InteractionHandle interaction, string description);

    /// <summary>Returns 0 on success, 1 when the pact is locked, 2 when <paramref name="parametersJson"/> is not JSON.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_given_with_params", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GivenWithParams(InteractionHandle interaction, string description, string parametersJson);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_request", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithRequest(InteractionHandle interaction, string method, string path);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_query_parameter_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithQueryParameter(InteractionHandle interaction, string name, nuint index, string value);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_header_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithHeader(InteractionHandle interaction, FfiPart part, string name, nuint index, string value);

    /// <summary>Status as a number, or integration JSON with a <c>statusCode</c> matcher (V4).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_response_status_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool ResponseStatus(InteractionHandle interaction, string status);

    /// <summary>JSON bodies may embed matchers in the integration JSON format (<c>pact:matcher:type</c>).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_with_body", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithBody(InteractionHandle interaction, FfiPart part, string contentType, string body);

    /// <summary>Returns 0 when released, 1 when the handle is unknown.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_free_pact_handle")]
    internal static partial uint FreePactHandle(PactHandle pact);

    // ---- consumer side: message pacts

    /// <summary>A new asynchronous message interaction (V4; written as a V3 message pact under V3).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_new_message_interaction", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial InteractionHandle NewMessageInteraction(PactHandle pact, string description);

    [LibraryImport(Lib, EntryPoint = "pactffi_message_with_metadata_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool MessageWithMetadata(InteractionHandle message, string key, string value);

    /// <summary>The message with its generators applied, as JSON; free with <see cref="StringDelete"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_message_reify")]
    internal static partial IntPtr MessageReify(InteractionHandle message);

    /// <summary>Returns 0 when written, 1 on panic, 2 when the file cannot be written, 3 when the pact is unknown.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_pact_handle_write_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PactHandleWriteFile(PactHandle pact, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    // ---- consumer side: the engine's mock server

    /// <summary>The port (OS-chosen when 0), or a negative error code (-1 bad handle ... -5 bad address).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_create_mock_server_for_transport", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int CreateMockServerForTransport(PactHandle pact, string address, ushort port, string transport, string? transportConfig);

    [LibraryImport(Lib, EntryPoint = "pactffi_mock_server_matched")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool MockServerMatched(int port);

    /// <summary>Mismatches as JSON. The string belongs to the mock server and is freed by <see cref="CleanupMockServer"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_mock_server_mismatches")]
    internal static partial IntPtr MockServerMismatches(int port);

    /// <summary>Returns 0 when written, 1 on panic, 2 when the file cannot be written, 3 when no such server.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_write_pact_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int WritePactFile(int port, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    [LibraryImport(Lib, EntryPoint = "pactffi_cleanup_mock_server")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool CleanupMockServer(int port);

    // ---- provider side: the verifier

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_new_for_application", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr VerifierNewForApplication(string name, string version);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_provider_info", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderInfo(IntPtr handle, string name, string scheme, string host, ushort port, string path);

    /// <summary>
    /// Another transport of the provider, on the provider's host: <c>"message"</c> is where the verifier POSTs
    /// <c>{"description", "providerStates"}</c> for each message interaction and reads the message from the answer.
    /// </summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_add_provider_transport", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddProviderTransport(IntPtr handle, string protocol, ushort port, string path, string scheme);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_provider_state", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderState(IntPtr handle, string url, byte teardown, byte body);

    /// <summary><paramref name="timeoutMs"/> is a C <c>unsigned long</c>: 64 bits on linux-x64.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_verification_options")]
    internal static partial int VerifierSetVerificationOptions(IntPtr handle, byte disableSslVerification, ulong timeoutMs);

    /// <summary>Returns 0, or -1 for a bad handle.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_coloured_output")]
    internal static partial int VerifierSetColouredOutput(IntPtr handle, byte coloured);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_add_custom_header", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddCustomHeader(IntPtr handle, string name, string value);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_add_file_source", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddFileSource(IntPtr handle, string file);

    /// <summary>Returns 0 when every interaction passed, 1 when one failed, 2 on a bad handle or a panic.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_execute")]
    internal static partial int VerifierExecute(IntPtr handle);

    /// <summary>The result as JSON; free with <see cref="StringDelete"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_json")]
    internal static partial IntPtr VerifierJson(IntPtr handle);

    /// <summary>What the verifier printed; free with <see cref="StringDelete"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_output")]
    internal static partial IntPtr VerifierOutput(IntPtr handle, byte stripAnsi);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_shutdown")]
    internal static partial void VerifierShutdown(IntPtr handle);
}
