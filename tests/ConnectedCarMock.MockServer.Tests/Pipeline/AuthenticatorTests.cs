using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The authenticate stage alone: credentials, scopes, the security switch and provider-state effects from the request's snapshot.</summary>
public class AuthenticatorTests
{
    private static readonly Authenticator Stage = new(Document, Tokens, Cache<(Operation, ScopeSet), ScopeDecision>());

    private static string Vehicle => $"{Api}/accounts/vehicles/{FirstVehicle}";

    [Test]
    public async Task A_token_with_the_required_scope_passes_and_its_scopes_reach_the_context()
    {
        var context = Routed(Request("GET", Vehicle, headers: ("Authorization", Bearer("data:vehicle"))));

        var refusal = await Stage.RunAsync(context);

        Assert.That(refusal, Is.Null);
        Assert.That(context.Granted!.ToString(), Is.EqualTo("data:vehicle"));
    }

    [TestCase(null, "no credentials")]
    [TestCase("Basic abc", "not a Bearer token")]
    [TestCase("Bearer not-a-jwt", "not a JWT")]
    public async Task Missing_or_bad_credentials_are_401_with_a_challenge(string? authorization, string reason)
    {
        var headers = authorization is null ? Array.Empty<(string, string)>() : [("Authorization", authorization)];
        var context = Routed(Request("GET", Vehicle, headers: headers));

        var refusal = await Stage.RunAsync(context);

        AssertError(refusal, 401, reason);
        Assert.That(refusal!.Headers.Single(h => h.Key == "WWW-Authenticate").Value, Does.StartWith("Bearer realm=\"connectedcar\", error=\"invalid_token\""));
    }

    [Test]
    public async Task A_token_lacking_the_required_scope_is_403_naming_it()
    {
        var context = Routed(Request("GET", Vehicle, headers: ("Authorization", Bearer("data:trip"))));

        var refusal = await Stage.RunAsync(context);

        AssertError(refusal, 403, "data:vehicle");
        Assert.That(refusal!.Headers.Single(h => h.Key == "WWW-Authenticate").Value, Does.Contain("error=\"insufficient_scope\""));
    }

    [Test]
    public async Task With_security_off_in_the_snapshot_nothing_is_checked_and_nothing_filters()
    {
        var context = Routed(Request("GET", Vehicle), RuntimeSettings.Default with { SecurityEnabled = false });

        Assert.That(await Stage.RunAsync(context), Is.Null);
        Assert.That(context.Granted, Is.Null);
    }

    [Test]
    public async Task Provider_state_effects_come_from_the_snapshot_refused_or_withheld()
    {
        var token = Bearer("data:vehicle", "data:trip");
        var refused = Routed(Request("GET", Vehicle, headers: ("Authorization", token)), RuntimeSettings.Default with { States = StateEffects.None with { Refuse = true } });
        var withheld = Routed(Request("GET", Vehicle, headers: ("Authorization", token)), RuntimeSettings.Default with { States = StateEffects.None with { Withheld = ["data:vehicle"] } });

        AssertError(await Stage.RunAsync(refused), 401, "provider state");
        AssertError(await Stage.RunAsync(withheld), 403, "data:vehicle");
    }

    [Test]
    public async Task The_same_decision_is_made_once_per_operation_and_scope_set()
    {
        var decisions = Cache<(Operation, ScopeSet), ScopeDecision>();
        var stage = new Authenticator(Document, Tokens, decisions);
        var token = Bearer("data:vehicle");

        for (var i = 0; i < 3; i++)
        {
            await stage.RunAsync(Routed(Request("GET", Vehicle, headers: ("Authorization", token))));
        }

        Assert.That(decisions.Count, Is.EqualTo(1));
    }
}
