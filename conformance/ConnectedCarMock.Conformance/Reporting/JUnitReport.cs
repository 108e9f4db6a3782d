using System.Globalization;
using System.Text;
using System.Xml;

namespace ConnectedCarMock.Conformance.Reporting;

/// <summary>
/// JUnit XML as CI servers read it: <c>testsuites</c> with one <c>testsuite</c> per check and one
/// <c>testcase</c> per operation × check. Failures carry the requests, statuses and body excerpts.
/// </summary>
internal static class JUnitReport
{
    public static void Write(ConformanceReport report, TextWriter output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"connectedcar-conformance {report.SpecTitle}");
        Counts(xml, report.Total, report.Failed, report.Errors, report.Skipped, report.Duration);
        xml.WriteAttributeString("timestamp", report.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

        foreach (var suite in report.Cases.GroupBy(c => c.CheckId, StringComparer.Ordinal))
        {
            var cases = suite.ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suite.Key);
            Counts(xml, cases.Count, cases.Count(c => c.Outcome == CaseOutcome.Failed), cases.Count(c => c.Outcome == CaseOutcome.Error), cases.Count(c => c.Outcome == CaseOutcome.Skipped), TimeSpan.FromTicks(cases.Sum(c => c.Duration.Ticks)));
            xml.WriteAttributeString("timestamp", report.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteStartElement("properties");
            Property(xml, "description", CheckCatalog.Describe(suite.Key));
            Property(xml, "target", report.Target);
            Property(xml, "spec", $"{report.SpecSource} ({report.SpecTitle} {report.SpecVersion})");
            xml.WriteEndElement();
            foreach (var result in cases)
            {
                Case(xml, result);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Case(XmlWriter xml, CaseResult result)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", result.Name);
        xml.WriteAttributeString("classname", result.CheckId);
        xml.WriteAttributeString("time", Seconds(result.Duration));
        switch (result.Outcome)
        {
            case CaseOutcome.Failed:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(result.Message));
                xml.WriteAttributeString("type", result.CheckId);
                xml.WriteString(Clean(Details(result)));
                xml.WriteEndElement();
                break;
            case CaseOutcome.Error:
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", Clean(result.Message));
                xml.WriteAttributeString("type", "error");
                xml.WriteString(Clean(Details(result)));
                xml.WriteEndElement();
                break;
            case CaseOutcome.Skipped:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean(result.Message));
                xml.WriteEndElement();
                break;
            default:
                if (result.Message.Length > 0)
                {
                    xml.WriteElementString("system-out", Clean(result.Message));
                }

                break;
        }

        xml.WriteEndElement();
    }

    /// <summary>What failed, then each request: method and URL, status, content type and the start of the body.</summary>
    private static string Details(CaseResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"{result.Method} {result.Path} ({result.OperationId}) › {result.CheckId}");
        foreach (var failure in result.Failures)
        {
            text.AppendLine("- " + failure);
        }

        foreach (var exchange in result.Exchanges.Take(8))
        {
            text.AppendLine();
            text.AppendLine($"{exchange.Label}: {exchange.Method} {exchange.Url}");
            text.AppendLine($"  status: {exchange.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}{(exchange.ContentType is null ? string.Empty : $", {exchange.ContentType}")}");
            foreach (var (name, value) in exchange.Headers)
            {
                text.AppendLine($"  {name}: {value}");
            }

            if (exchange.BodyExcerpt.Length > 0)
            {
                text.AppendLine($"  body: {exchange.BodyExcerpt}");
            }
        }

        return text.ToString();
    }

    private static void Counts(XmlWriter xml, int tests, int failures, int errors, int skipped, TimeSpan time)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(time));
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    // XML 1.0 cannot carry most control characters, which a server's body may contain.
    private static string Clean(string text) =>
        string.Concat(text.Where(c => c is '\n' or '\r' or '\t' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF')));
}
