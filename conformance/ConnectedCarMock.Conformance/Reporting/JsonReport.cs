using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConnectedCarMock.Conformance.Reporting;

/// <summary>
/// The machine-readable report. Field names are part of the contract (docs/conformance.md): add
/// fields when needed, never rename or remove one.
/// </summary>
internal static class JsonReport
{
    public const int FormatVersion = 1;

    public static void Write(ConformanceReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "connectedcar-conformance");
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("target", report.Target);
            json.WriteStartObject("spec");
            json.WriteString("source", report.SpecSource);
            json.WriteString("title", report.SpecTitle);
            json.WriteString("version", report.SpecVersion);
            json.WriteEndObject();
            json.WriteString("startedAt", report.StartedAt);
            json.WriteNumber("durationMs", Math.Round(report.Duration.TotalMilliseconds));
            json.WriteStartObject("summary");
            json.WriteNumber("total", report.Total);
            json.WriteNumber("executed", report.Executed);
            json.WriteNumber("passed", report.Passed);
            json.WriteNumber("failed", report.Failed);
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("skipped", report.Skipped);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteEndObject();
            Tallies(json, "checks", "id", report.ByCheck, withDescription: true);
            Tallies(json, "tags", "tag", report.ByTag, withDescription: false);
            json.WriteStartArray("cases");
            foreach (var result in report.Cases)
            {
                Case(json, result);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void Tallies(Utf8JsonWriter json, string name, string key, IReadOnlyList<CaseTally> tallies, bool withDescription)
    {
        json.WriteStartArray(name);
        foreach (var tally in tallies)
        {
            json.WriteStartObject();
            json.WriteString(key, tally.Name);
            if (withDescription)
            {
                json.WriteString("description", tally.Description);
            }

            json.WriteNumber("executed", tally.Executed);
            json.WriteNumber("passed", tally.Passed);
            json.WriteNumber("failed", tally.Failed);
            json.WriteNumber("errors", tally.Errors);
            json.WriteNumber("skipped", tally.Skipped);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Case(Utf8JsonWriter json, CaseResult result)
    {
        json.WriteStartObject();
        json.WriteString("name", result.Name);
        json.WriteString("operationId", result.OperationId);
        json.WriteString("method", result.Method);
        json.WriteString("path", result.Path);
        json.WriteStartArray("tags");
        foreach (var tag in result.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("checkId", result.CheckId);
        json.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
        json.WriteString("message", result.Message);
        json.WriteStartArray("failures");
        foreach (var failure in result.Failures)
        {
            json.WriteStringValue(failure);
        }

        json.WriteEndArray();
        json.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 1));
        json.WriteStartArray("exchanges");
        foreach (var exchange in result.Exchanges)
        {
            json.WriteStartObject();
            json.WriteString("label", exchange.Label);
            json.WriteString("method", exchange.Method);
            json.WriteString("url", exchange.Url);
            if (exchange.Status is { } status)
            {
                json.WriteNumber("status", status);
            }
            else
            {
                json.WriteNull("status");
            }

            json.WriteString("contentType", exchange.ContentType);
            json.WriteStartObject("headers");
            foreach (var (name, value) in exchange.Headers)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteString("bodyExcerpt", exchange.BodyExcerpt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
