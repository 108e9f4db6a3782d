using System.Text.Json.Nodes;
using ConnectedCarMock.Pact.Tests.Messages;
using ConnectedCarMock.Pact.Tests.SampleConsumer;

namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>
/// The pacts both verifiers are held to, written once per test run: CarApp's sample pacts from our DSL (V4 and
/// V3), pact-js's good and wrong pacts (V3 and V4), pacts for the issue's own cases (a stateless 401
/// without credentials, a failing pending interaction, a path from a provider state), and CarApp's event
/// pacts with the wrong message expectations (V4 and V3), verified against the mock as the message provider.
/// </summary>
internal static class InteropPacts
{
    private static readonly SemaphoreSlim s_lock = new(1, 1);
    private static IReadOnlyList<string>? s_all;

    public static string Folder => Path.Combine(TestContext.CurrentContext.WorkDirectory, "interop-pacts");

    public static string SampleV4 => Path.Combine(Folder, "dsl-v4", "CarApp-ConnectedCarApi.json");

    public static string SampleV3 => Path.Combine(Folder, "dsl-v3", "CarApp-ConnectedCarApi.json");

    public static string PactJsGood => Path.Combine(Folder, "pact-js", "good");

    public static string PactJsWrong => Path.Combine(Folder, "pact-js", "wrong");

    public static string EventsV4 => Path.Combine(Folder, "events-v4", "CarAppEvents-ConnectedCarApi.json");

    public static string EventsV3 => Path.Combine(Folder, "events-v3", "CarAppEvents-ConnectedCarApi.json");

    public static string WrongEvents => Path.Combine(Folder, "events-wrong");

    /// <summary>Every pact, written on first use.</summary>
    public static async Task<IReadOnlyList<string>> AllAsync()
    {
        await s_lock.WaitAsync();
        try
        {
            return s_all ??= await WriteAsync();
        }
        finally
        {
            s_lock.Release();
        }
    }

    private static async Task<IReadOnlyList<string>> WriteAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        await CarAppContract.WriteAsync(Path.GetDirectoryName(SampleV4)!, PactSpecification.V4);
        await CarAppContract.WriteAsync(Path.GetDirectoryName(SampleV3)!, PactSpecification.V3);
        await OfficialTools.WritePactJsPactsAsync(Path.Combine(Folder, "pact-js"));
        var own = Path.Combine(Folder, "own");
        Directory.CreateDirectory(own);
        await WriteOwnAsync(own);
        await MessagePacts.WriteGoodAsync(Path.GetDirectoryName(EventsV4)!, PactSpecification.V4);
        await MessagePacts.WriteGoodAsync(Path.GetDirectoryName(EventsV3)!, PactSpecification.V3);
        var wrongEvents = new List<string>();
        foreach (var (wrong, index) in MessagePacts.Wrong.Select((w, i) => (w, i)))
        {
            var specification = index % 2 == 0 ? PactSpecification.V4 : PactSpecification.V3;
            wrongEvents.Add(await MessagePacts.WriteWrongAsync(Path.Combine(WrongEvents, $"{index}-{specification}"), specification, wrong));
        }

        return [SampleV4, SampleV3, .. Directory.GetFiles(PactJsGood), .. Directory.GetFiles(PactJsWrong).Order(StringComparer.Ordinal), .. Directory.GetFiles(own).Order(StringComparer.Ordinal), EventsV4, EventsV3, .. wrongEvents];
    }

    private static async Task WriteOwnAsync(string folder)
    {
        const string vehicles = "/api/connectedcar/v1/accounts/vehicles";
        await Write(folder, "Stateless", Http("a request without credentials", vehicles, 401, token: null));
        await Write(folder, "StatelessAfterState", Http("a request with an expired token", vehicles, 401, token: "Bearer recorded", state: "the access token has expired"), Http("then a request for the vehicles", vehicles, 200, token: "Bearer recorded"));
        var pending = Http("a pending expectation of a 404", vehicles, 404, token: "Bearer recorded");
        pending["pending"] = true;
        await Write(folder, "Pending", pending, Http("a request for the vehicles", vehicles, 200, token: "Bearer recorded"));
        await Write(folder, "UnknownState", Http("a request needing an unknown state", vehicles, 200, token: "Bearer recorded", state: "the moon is full"));
    }

    private static JsonObject Http(string description, string path, int status, string? token, string? state = null)
    {
        var request = new JsonObject { ["method"] = "GET", ["path"] = path };
        if (token is not null)
        {
            request["headers"] = new JsonObject { ["Authorization"] = new JsonArray(token) };
        }

        var interaction = new JsonObject { ["type"] = "Synchronous/HTTP", ["description"] = description, ["request"] = request, ["response"] = new JsonObject { ["status"] = status } };
        if (state is not null)
        {
            interaction["providerStates"] = new JsonArray(new JsonObject { ["name"] = state });
        }

        return interaction;
    }

    private static Task Write(string folder, string consumer, params JsonObject[] interactions) =>
        File.WriteAllTextAsync(Path.Combine(folder, consumer + "-ConnectedCarApi.json"), new JsonObject
        {
            ["consumer"] = new JsonObject { ["name"] = consumer },
            ["provider"] = new JsonObject { ["name"] = "ConnectedCarApi" },
            ["interactions"] = new JsonArray([.. interactions]),
            ["metadata"] = new JsonObject { ["pactSpecification"] = new JsonObject { ["version"] = "4.0" } },
        }.ToJsonString());
}
