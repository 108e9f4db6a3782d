using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;

namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>
/// The mock as the target of both verifiers. The tokens consumers recorded (CarApp's, pact-js's) are static
/// tokens granting every scope, so that neither verifier replaces credentials and both send exactly the
/// pact's requests: any difference in verdict is then the verifiers', not the set-up's.
/// </summary>
internal sealed class InteropMock : IAsyncDisposable
{
    public static readonly string[] RecordedTokens = ["car-app-test-token", "expired-token", "pactjs-token", "recorded"];

    private InteropMock(ConnectedCarMockServer server) => Server = server;

    public ConnectedCarMockServer Server { get; }

    public Uri Api => new(Server.ApiUrl);

    public Uri Root => new(Server.BaseUrl);

    public Uri States => new(Server.BaseUrl + ConnectedCarMockServer.StatesPath);

    public static async Task<InteropMock> StartAsync()
    {
        var scopes = string.Join(' ', Specs.Embedded.AllScopes.Where(s => Specs.Embedded.DeclaredScopes.Contains(s)));
        var tokens = Path.Combine(Directory.CreateTempSubdirectory("interop-tokens-").FullName, "tokens.json");
        await File.WriteAllTextAsync(tokens, System.Text.Json.JsonSerializer.Serialize(RecordedTokens.ToDictionary(t => t, _ => scopes)));
        return new InteropMock(await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0, Security = new SecurityOptions { StaticTokensFile = tokens } }));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
