using System.Globalization;
using System.Text;
using System.Xml;

namespace ConnectedCarMock.Conformance.Reporting;

/// <summary>How one JUnit test case ended.</summary>
internal enum JUnitOutcome
{
    Passed,
    Failed,
    Error,
    Skipped,
}

/// <summary>One test case; <paramref name="Details"/> is the body of a failure or error, <paramref name="Message"/> its one-line summary (or a passed case's output).</summary>
internal sealed record JUnitCase(string Name, string ClassName, JUnitOutcome Outcome, string Message = "", string Details = "", TimeSpan? Time = null, string? FailureType = null);

/// <summary>One test suite with its properties and, optionally, what the tool printed.</summary>
internal sealed record JUnitSuite(string Name, IReadOnlyList<JUnitCase> Cases, IReadOnlyList<KeyValuePair<string, string>> Properties, TimeSpan Time, string? SystemOut = null);

/// <summary>
/// The one JUnit XML writer of the toolkit (conformance runs and Pact verifications): <c>testsuites</c> with
/// counts, one <c>testsuite</c> per group, one <c>testcase</c> per case. Text is cleaned of what XML 1.0 cannot
/// hold (control characters, lone surrogates) while keeping every other character, emoji included.
/// </summary>
internal static class JUnitXml
{
    public static void Write(TextWriter output, string name, IReadOnlyList<JUnitSuite> suites, TimeSpan time, DateTimeOffset? timestamp = null)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", Clean(name));
        var cases = suites.SelectMany(s => s.Cases).ToList();
        Counts(xml, cases, time);
        Timestamp(xml, timestamp);
        foreach (var suite in suites)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", Clean(suite.Name));
            Counts(xml, suite.Cases, suite.Time);
            Timestamp(xml, timestamp);
            xml.WriteStartElement("properties");
            foreach (var (key, value) in suite.Properties)
            {
                xml.WriteStartElement("property");
                xml.WriteAttributeString("name", Clean(key));
                xml.WriteAttributeString("value", Clean(value));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            foreach (var testCase in suite.Cases)
            {
                Case(xml, testCase);
            }

            if (suite.SystemOut is { Length: > 0 } printed)
            {
                xml.WriteElementString("system-out", Clean(printed));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    public static void WriteFile(string path, string name, IReadOnlyList<JUnitSuite> suites, TimeSpan time)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(writer, name, suites, time);
    }

    /// <summary>
    /// The text without what XML 1.0 cannot carry: control characters (colour codes, NULs from a server's body)
    /// and surrogate halves that are not part of a pair. Valid pairs (emoji, rare CJK) are kept whole.
    /// </summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static void Case(XmlWriter xml, JUnitCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(testCase.Name));
        xml.WriteAttributeString("classname", Clean(testCase.ClassName));
        if (testCase.Time is { } time)
        {
            xml.WriteAttributeString("time", Seconds(time));
        }

        var element = testCase.Outcome switch
        {
            JUnitOutcome.Failed => "failure",
            JUnitOutcome.Error => "error",
            JUnitOutcome.Skipped => "skipped",
            _ => null,
        };
        if (element is not null)
        {
            xml.WriteStartElement(element);
            xml.WriteAttributeString("message", Clean(testCase.Message));
            if (testCase.FailureType is { } type && testCase.Outcome != JUnitOutcome.Skipped)
            {
                xml.WriteAttributeString("type", Clean(type));
            }

            if (testCase.Details.Length > 0)
            {
                xml.WriteString(Clean(testCase.Details));
            }

            xml.WriteEndElement();
        }
        else if (testCase.Message.Length > 0)
        {
            xml.WriteElementString("system-out", Clean(testCase.Message));
        }

        xml.WriteEndElement();
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<JUnitCase> cases, TimeSpan time)
    {
        xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", cases.Count(c => c.Outcome == JUnitOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", cases.Count(c => c.Outcome == JUnitOutcome.Error).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", cases.Count(c => c.Outcome == JUnitOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(time));
    }

    private static void Timestamp(XmlWriter xml, DateTimeOffset? timestamp)
    {
        if (timestamp is { } at)
        {
            xml.WriteAttributeString("timestamp", at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
