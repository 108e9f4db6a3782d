using System.Text;

namespace ConnectedCarMock.Pact.Tests.Interop;

/// <summary>
/// Our verifier and the official one, over every interop pact (≥ 20: our DSL's, pact-js's good and wrong, the
/// issue's own cases), against the same mock, with and without teardown: the same verdict per interaction,
/// and the same verdict per pact (the official exit code 0 exactly when our result passes). The table is
/// printed and written to agreement.md in the test output.
/// </summary>
[NonParallelizable]
public class AgreementTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task Both_verifiers_give_the_same_verdict_per_interaction(bool teardown)
    {
        OfficialTools.Require();
        var pacts = await InteropPacts.AllAsync();
        await using var mock = await InteropMock.StartAsync();
        var table = new StringBuilder($"| pact | interactions | ours: passed | official: passed | ours: pact verdict | official: exit | agree |{Environment.NewLine}|---|---|---|---|---|---|---|{Environment.NewLine}");
        var disagreements = new List<string>();

        foreach (var pact in pacts)
        {
            var ours = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = mock.Api, StateChangeUrl = mock.States, StateChangeTeardown = teardown });
            var (exit, official, output) = await OfficialTools.VerifyAsync(pact, mock.Root, mock.States, teardown);
            var ourVerdicts = ours.Interactions.ToDictionary(i => i.Description, i => i.Passed, StringComparer.Ordinal);
            var agree = ourVerdicts.Count == official.Count && ourVerdicts.All(v => official.TryGetValue(v.Key, out var o) && o == v.Value) && ours.Passed == (exit == 0);
            if (!agree)
            {
                disagreements.Add($"{Path.GetFileName(pact)}: ours {Describe(ourVerdicts)} (passed {ours.Passed}), official {Describe(official)} (exit {exit}){Environment.NewLine}{output}");
            }

            table.AppendLine($"| {Path.GetFileName(Path.GetDirectoryName(pact))}/{Path.GetFileNameWithoutExtension(pact)} | {ourVerdicts.Count} | {ourVerdicts.Count(v => v.Value)} | {official.Count(v => v.Value)} | {(ours.Passed ? "pass" : "fail")} | {exit} | {(agree ? "yes" : "NO")} |");
        }

        TestContext.Out.WriteLine($"teardown {teardown}, {pacts.Count} pacts:");
        TestContext.Out.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"agreement-teardown-{teardown}.md"), table.ToString());
        Assert.That(pacts, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(disagreements, Is.Empty, string.Join(Environment.NewLine, disagreements));
    }

    private static string Describe(IReadOnlyDictionary<string, bool> verdicts) =>
        string.Join(", ", verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={(v.Value ? "ok" : "failed")}"));
}
