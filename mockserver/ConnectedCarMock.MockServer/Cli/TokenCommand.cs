using System.CommandLine;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary><c>connectedcar-mock token --scope "..."</c>: a token that a server started with the same settings accepts.</summary>
internal static class TokenCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scope = new Option<string>("--scope") { Description = "Space-separated scopes to grant.", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "Client the token is issued to (sub, client_id).", DefaultValueFactory = _ => "connectedcar-cli" };
        var lifetime = new Option<int>("--lifetime") { Description = "Seconds until the token expires.", DefaultValueFactory = _ => 3600 };
        var binding = new ServerOptionsBinding();
        var command = new Command("token", "Print an access token for the mock (same signing settings as the server).") { scope, clientId, lifetime };
        binding.AddTo(command);
        command.SetAction(parse =>
        {
            var options = binding.Read(parse);
            var scopes = ScopeSet.Parse(parse.GetValue(scope)).Names.ToList();
            ApiDocument document;
            try
            {
                document = options.SpecPath is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(options.SpecPath);
            }
            catch (SpecLoadException ex)
            {
                error.WriteLine(ex.Message);
                return MockCli.UsageError;
            }

            var unknown = scopes.Except(document.AllScopes, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                error.WriteLine($"connectedcar-mock: invalid_scope: {string.Join(' ', unknown)} is not a scope of {document.Source}");
                return MockCli.UsageError;
            }

            var tokens = new TokenService(options.Security);
            output.WriteLine(tokens.Mint(parse.GetValue(clientId)!, scopes, lifetime: TimeSpan.FromSeconds(parse.GetValue(lifetime))));
            return MockCli.Success;
        });
        return command;
    }
}
