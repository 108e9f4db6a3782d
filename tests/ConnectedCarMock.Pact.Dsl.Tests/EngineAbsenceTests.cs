using System.Diagnostics;

namespace ConnectedCarMock.Pact.Dsl.Tests;

/// <summary>
/// The proof that this project's tests (DSL, pact files, spec check, reports) need no Pact engine: the
/// library is not beside them, nothing points at another copy, and after every test the process has not loaded it.
/// </summary>
[SetUpFixture]
public class EngineAbsenceTests
{
    private const string Engine = "libpact_ffi.so";

    [OneTimeSetUp]
    public void TheEngineIsNotBesideTheTests()
    {
        Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, Engine)), Is.False, $"{Engine} must not be in {AppContext.BaseDirectory}: the build removes it (RemovePactEngine)");
        Assert.That(Environment.GetEnvironmentVariable("PACT_FFI_LIBRARY"), Is.Null.Or.Empty, "PACT_FFI_LIBRARY would point the tests at an engine");
    }

    [OneTimeTearDown]
    public void NoTestLoadedTheEngine()
    {
        var loaded = Process.GetCurrentProcess().Modules.Cast<ProcessModule>().Select(m => m.FileName).Where(f => f.EndsWith(Engine, StringComparison.Ordinal)).ToList();
        Assert.That(loaded, Is.Empty, "a test loaded the Pact engine");
    }
}

/// <summary>The engine is really absent: the driver on it fails with the message that says how to get it.</summary>
public class EngineDriverWithoutTheEngineTests
{
    [Test]
    public void The_engine_driver_says_where_it_looked_and_how_to_get_the_engine()
    {
        var error = Assert.Throws<DllNotFoundException>(() => _ = FfiPactDriver.Instance.EngineVersion);

        Assert.That(error!.Message, Does.Contain("libpact_ffi.so").And.Contain("npm pack @pact-foundation/pact-core-linux-x64-glibc@20.2.0"));
    }
}
