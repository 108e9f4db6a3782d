using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Consumer;

/// <summary>
/// The pact folders of the consumer tests, under the test output: <c>pacts/CarApp-ConnectedCarApi.json</c>
/// (V4) and <c>pacts-v3/</c>. Emptied once per run, since the engine merges into an existing file and would
/// otherwise keep interactions that a test no longer declares.
/// </summary>
[SetUpFixture]
public class ConsumerPacts
{
    public static string V4Directory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "pacts");

    public static string V3Directory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "pacts-v3");

    public static PactBuilder NewV4Pact() => CarAppContract.NewPact(V4Directory);

    [OneTimeSetUp]
    public void EmptyThePactFolders()
    {
        foreach (var directory in new[] { V4Directory, V3Directory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
