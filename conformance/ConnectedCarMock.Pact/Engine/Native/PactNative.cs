using System.Reflection;
using System.Runtime.InteropServices;

namespace ConnectedCarMock.Pact.Native;

/// <summary>
/// Loads <c>libpact_ffi.so</c> from beside the assemblies (the build puts it there) and prepares the
/// process for it: telemetry off in the native environment, logging configured at most once.
/// </summary>
internal static partial class PactNative
{
    public const string LibraryName = "pact_ffi";
    public const string FileName = "libpact_ffi.so";

    /// <summary>Points at another copy of the library (e.g. a newer engine, or a non-Linux build).</summary>
    public const string OverrideVariable = "PACT_FFI_LIBRARY";

    private const string LibC = "libc";

    private static readonly Lock s_lock = new();
    private static bool s_resolverSet;
    private static IntPtr s_library;
    private static bool s_loggingConfigured;

    /// <summary>
    /// Loads the engine (once) and applies <paramref name="logLevel"/> when logging was never configured:
    /// the engine accepts one global logger per process, so later levels are ignored.
    /// </summary>
    /// <exception cref="DllNotFoundException">The library is missing or cannot be loaded; the message says what to do.</exception>
    public static void EnsureInitialized(PactLogLevel logLevel = PactLogLevel.Off)
    {
        lock (s_lock)
        {
            if (s_library == IntPtr.Zero)
            {
                Load();
            }

            if (!s_loggingConfigured && logLevel != PactLogLevel.Off)
            {
                s_loggingConfigured = true;
                _ = PactFfi.LogToStderr((FfiLevel)logLevel);
            }
        }
    }

    /// <summary>Copies a string the engine allocated for us, then frees it with <c>pactffi_string_delete</c>.</summary>
    public static string? TakeString(IntPtr value)
    {
        if (value == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            PactFfi.StringDelete(value);
        }
    }

    /// <summary>Where the library is looked for, in order.</summary>
    internal static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } overridden)
        {
            yield return overridden;
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        if (Path.GetDirectoryName(typeof(PactNative).Assembly.Location) is { Length: > 0 } assemblyDirectory)
        {
            yield return Path.Combine(assemblyDirectory, FileName);
        }
    }

    private static void Load()
    {
        var candidates = Candidates().Distinct(StringComparer.Ordinal).ToList();
        var path = candidates.FirstOrDefault(File.Exists) ?? throw new DllNotFoundException(
            $"The Pact engine ({FileName}) was not found; looked in: {string.Join(", ", candidates)}. " +
            "The build downloads it with 'npm pack @pact-foundation/pact-core-linux-x64-glibc@20.2.0' (see conformance/pact-native.targets): " +
            $"build on linux-x64 with Node.js and npm installed, or set {OverrideVariable} to the library's path.");
        try
        {
            s_library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new DllNotFoundException($"The Pact engine at {path} could not be loaded (it needs linux-x64 with glibc): {e.Message}", e);
        }

        if (!s_resolverSet)
        {
            s_resolverSet = true;
            NativeLibrary.SetDllImportResolver(typeof(PactNative).Assembly, Resolve);
        }

        // The engine reads the C environment, which Environment.SetEnvironmentVariable does not change on Unix:
        // without setenv it would still report usage to Pact's telemetry endpoint.
        Environment.SetEnvironmentVariable("PACT_DO_NOT_TRACK", "true");
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetEnv("PACT_DO_NOT_TRACK", "true", 1);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        LibraryName => s_library,
        // "libc" alone would probe libc.so, which on glibc systems is a linker script dlopen rejects.
        LibC when OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) => libc,
        _ => IntPtr.Zero,
    };

    [LibraryImport(LibC, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
