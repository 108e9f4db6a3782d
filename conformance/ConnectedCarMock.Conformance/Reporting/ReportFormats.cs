using System.Text;
using ConnectedCarMock.Conformance.Reporting;

namespace ConnectedCarMock.Conformance;

/// <summary>Writes a <see cref="ConformanceReport"/> as JUnit XML, JSON or a self-contained HTML page.</summary>
public static class ReportFormats
{
    /// <summary>JUnit XML: one test suite per check, one test case per operation × check.</summary>
    public static void WriteJUnit(ConformanceReport report, TextWriter writer) => JUnitReport.Write(report, writer);

    /// <summary>JSON with stable, camelCase field names (see docs/conformance.md).</summary>
    public static void WriteJson(ConformanceReport report, TextWriter writer) => JsonReport.Write(report, writer);

    /// <summary>One HTML file, no external resources: charts per check and per tag, every case expandable.</summary>
    public static void WriteHtml(ConformanceReport report, TextWriter writer) => HtmlReport.Write(report, writer);

    public static void SaveJUnit(ConformanceReport report, string path) => Save(path, w => WriteJUnit(report, w));

    public static void SaveJson(ConformanceReport report, string path) => Save(path, w => WriteJson(report, w));

    public static void SaveHtml(ConformanceReport report, string path) => Save(path, w => WriteHtml(report, w));

    private static void Save(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        write(writer);
    }
}
