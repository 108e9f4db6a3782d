using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ConnectedCarMock.Conformance.Pact;

/// <summary>
/// JUnit XML for a pact verification: one suite per pact, one test case per interaction (its provider states
/// in the name, so a CI server lists "given a vehicle exists › a request for a vehicle"), failures carrying
/// the engine's mismatches, and run errors as an extra failed case so that nothing fails silently.
/// </summary>
internal static class PactJUnitWriter
{
    public static void Write(PactVerificationResult result, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ToXml(result), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public static string ToXml(PactVerificationResult result)
    {
        var suiteName = $"pact {result.Consumer} -> {result.Provider}";
        var cases = result.Interactions.Select(i => Case(suiteName, i)).ToList();
        foreach (var error in result.Errors)
        {
            cases.Add(new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", "verification run"),
                new XElement("failure", new XAttribute("message", Clean(FirstLine(error))), Clean(error))));
        }

        var failures = result.Interactions.Count(i => !i.Passed) + result.Errors.Count;
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement("properties",
                Property("pact", result.PactFile),
                Property("target", result.Target.ToString())),
            cases,
            new XElement("system-out", Clean(result.EngineOutput)));
        var root = new XElement("testsuites",
            new XAttribute("name", "pact verification"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(result.Duration)),
            suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + Environment.NewLine + root.ToString(SaveOptions.None);
    }

    private static XElement Case(string suiteName, PactInteractionResult interaction)
    {
        var name = interaction.ProviderStates.Count == 0
            ? interaction.Description
            : $"given {string.Join(" and ", interaction.ProviderStates)} › {interaction.Description}";
        var element = new XElement("testcase", new XAttribute("classname", suiteName), new XAttribute("name", Clean(name)));
        if (!interaction.Passed)
        {
            var details = string.Join(Environment.NewLine, interaction.Mismatches);
            element.Add(new XElement("failure", new XAttribute("message", Clean(FirstLine(details))), Clean(details)));
        }

        return element;
    }

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    // Engine output may carry control characters (colour codes, progress bars) that XML 1.0 cannot hold.
    private static string Clean(string text) => new([.. text.Where(XmlConvert.IsXmlChar)]);
}
