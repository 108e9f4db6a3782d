using ConnectedCarMock.Conformance.Reporting;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Pact verifications as JUnit XML, through the toolkit's one JUnit writer: one suite per pact, one test case
/// per interaction (its provider states in the name, so a CI server lists "given a vehicle exists › a request
/// for a vehicle"), failures carrying the engine's mismatches, pending failures as skipped cases, and run errors
/// as an extra failed case so that nothing fails silently.
/// </summary>
internal static class PactJUnitWriter
{
    public static void Write(IReadOnlyList<PactVerificationResult> results, string path) =>
        JUnitXml.WriteFile(path, "pact verification", [.. results.Select(Suite)], TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)));

    public static string ToXml(IReadOnlyList<PactVerificationResult> results)
    {
        using var writer = new Utf8StringWriter();
        JUnitXml.Write(writer, "pact verification", [.. results.Select(Suite)], TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)));
        return writer.ToString();
    }

    private static JUnitSuite Suite(PactVerificationResult result)
    {
        var suiteName = $"pact {result.Consumer} -> {result.Provider}";
        var cases = result.Interactions.Select(i => Case(suiteName, i)).ToList();
        cases.AddRange(result.Errors.Select(error => new JUnitCase("verification run", suiteName, JUnitOutcome.Failed, FirstLine(error), error)));
        return new JUnitSuite(suiteName, cases, [new("pact", result.PactFile), new("target", result.Target.ToString())], result.Duration, result.EngineOutput);
    }

    private static JUnitCase Case(string suiteName, PactInteractionResult interaction)
    {
        var name = interaction.ProviderStates.Count == 0
            ? interaction.Description
            : $"given {string.Join(" and ", interaction.ProviderStates)} › {interaction.Description}";
        if (interaction.Passed)
        {
            return new JUnitCase(name, suiteName, JUnitOutcome.Passed);
        }

        var details = string.Join(Environment.NewLine, interaction.Mismatches);
        return interaction.Pending
            ? new JUnitCase(name, suiteName, JUnitOutcome.Skipped, "pending: " + FirstLine(details), details)
            : new JUnitCase(name, suiteName, JUnitOutcome.Failed, FirstLine(details), details);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    /// <summary>A string writer that declares UTF-8, as the files are written.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
