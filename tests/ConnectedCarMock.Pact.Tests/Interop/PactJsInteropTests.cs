namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>
/// Pacts written by pact-js (V3 and V4, with its own matchers and fromProviderState) pass check-spec and our
/// verifier where they are right; each wrong one is caught, by check-spec or by verification, for its reason.
/// </summary>
[NonParallelizable]
public class PactJsInteropTests
{
    private static readonly (string Name, PactMismatchKind? Kind, string Reason)[] s_wrong =
    [
        ("partial-regex", PactMismatchKind.IncompatibleMatcher, "to match 'Elec|Hyb|Ther|Hydro'"),
        ("undocumented-field", PactMismatchKind.UndocumentedProperty, "missing the following keys: color"),
        ("wrong-type", PactMismatchKind.InvalidResponseBody, "to be the same type as 'five'"),
        ("unknown-path", PactMismatchKind.UnknownPath, "expected 200 but was 404"),
        ("undocumented-status", PactMismatchKind.UndocumentedStatus, "expected 201 but was 202"),
        ("misnamed-state-parameter", null, "has no parameter 'vehicleId'; expected: id"),
        ("at-most-one-vehicle", null, "$._embedded.vehicles"),
    ];

    [Test]
    public async Task The_good_pact_js_pacts_pass_check_spec_and_verification([Values("V3", "V4")] string version)
    {
        OfficialTools.Require();
        await InteropPacts.AllAsync();
        var pact = Path.Combine(InteropPacts.PactJsGood, $"PactJsApp{version}-ConnectedCarApi.json");
        await using var mock = await InteropMock.StartAsync();

        var mismatches = PactSpecChecker.CheckFile(pact, Specs.Embedded);
        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = mock.Api, StateChangeUrl = mock.States });

        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
        Assert.That(result.Interactions, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(result.Passed, Is.True, result.EngineOutput);
    }

    [Test]
    public async Task Each_wrong_pact_js_pact_is_caught_for_its_reason([Values("V3", "V4")] string version)
    {
        OfficialTools.Require();
        await InteropPacts.AllAsync();
        await using var mock = await InteropMock.StartAsync();

        foreach (var (name, kind, reason) in s_wrong)
        {
            var pact = Path.Combine(InteropPacts.PactJsWrong, $"PactJs{version}-{name}-ConnectedCarApi.json");
            var mismatches = PactSpecChecker.CheckFile(pact, Specs.Embedded);
            var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = mock.Api, StateChangeUrl = mock.States });

            Assert.That(mismatches.Select(m => (PactMismatchKind?)m.Kind), kind is null ? Is.Empty : Has.Member(kind), $"{name}: {string.Join("; ", mismatches)}");
            Assert.That(result.Passed, Is.False, name);
            Assert.That(result.Failed.Single().Mismatches, Has.Some.Contains(reason), $"{name}: {string.Join("; ", result.Failed.Single().Mismatches)}");
        }
    }
}
