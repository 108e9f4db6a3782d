using System.Globalization;
using System.Net;
using System.Text;

namespace ConnectedCarMock.Conformance.Reporting;

/// <summary>
/// A self-contained HTML page (inline CSS, SVG and a few lines of script; nothing fetched): the
/// totals, a stacked bar per check and per tag, and every case as an expandable row. Failed cases
/// start open; buttons show only failures, skips or everything.
/// </summary>
internal static class HtmlReport
{
    private const int BarWidth = 520;
    private const int MaxExchanges = 8;

    public static void Write(ConformanceReport report, TextWriter output)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conformance: ")
            .Append(E(report.SpecTitle)).Append("</title>\n<style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<header><h1>Conformance report</h1><p class=\"meta\">")
            .Append(E(report.SpecTitle)).Append(' ').Append(E(report.SpecVersion)).Append(" (").Append(E(report.SpecSource)).Append(")<br>target <code>")
            .Append(E(report.Target)).Append("</code><br>started ").Append(E(report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(", took ").Append(report.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</p>\n");
        html.Append("<div class=\"totals\">");
        Total(html, "executed", report.Executed, "executed");
        Total(html, "passed", report.Passed, "passed");
        Total(html, "failed", report.Failed, "failed");
        Total(html, "errors", report.Errors, "error");
        Total(html, "skipped", report.Skipped, "skipped");
        html.Append("<div class=\"verdict ").Append(report.ExitCode == 0 ? "passed\">conformant" : "failed\">not conformant").Append("</div></div></header>\n");

        html.Append("<section><h2>Per check</h2>").Append(Chart(report.ByCheck, withDescription: true)).Append("</section>\n");
        html.Append("<section><h2>Per tag</h2>").Append(Chart(report.ByTag, withDescription: false)).Append("</section>\n");

        html.Append("<section><h2>Cases</h2><div class=\"filters\">")
            .Append("<button data-show=\"all\" class=\"on\">all</button><button data-show=\"failed\">failed and errors</button><button data-show=\"skipped\">skipped</button><button data-show=\"passed\">passed</button></div>\n");
        foreach (var operation in report.Cases.GroupBy(c => c.OperationId, StringComparer.Ordinal))
        {
            var first = operation.First();
            html.Append("<h3><span class=\"method\">").Append(E(first.Method)).Append("</span> ").Append(E(first.Path))
                .Append(" <small>").Append(E(operation.Key)).Append("</small></h3>\n");
            foreach (var result in operation)
            {
                Case(html, result);
            }
        }

        html.Append("</section>\n<script>").Append(Script).Append("</script>\n</body></html>\n");
        output.Write(html.ToString());
    }

    private static void Total(StringBuilder html, string label, int value, string css) =>
        html.Append("<div class=\"total ").Append(css).Append("\"><b>").Append(value.ToString(CultureInfo.InvariantCulture)).Append("</b>").Append(label).Append("</div>");

    /// <summary>One stacked bar per row (passed, failed, errors, skipped), scaled to the largest row.</summary>
    private static string Chart(IReadOnlyList<CaseTally> rows, bool withDescription)
    {
        const int rowHeight = 26;
        const int labelWidth = 230;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Total));
        var svg = new StringBuilder();
        svg.Append("<svg class=\"chart\" role=\"img\" width=\"").Append(labelWidth + BarWidth + 190).Append("\" height=\"").Append((rows.Count * rowHeight) + 10)
            .Append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = (i * rowHeight) + 4;
            svg.Append("<g><title>").Append(E(row.Name)).Append(withDescription ? ": " + E(row.Description) : string.Empty)
                .Append($" — {row.Passed} passed, {row.Failed} failed, {row.Errors} errors, {row.Skipped} skipped</title>");
            svg.Append("<text x=\"0\" y=\"").Append(y + 15).Append("\" class=\"label\">").Append(E(row.Name)).Append("</text>");
            var x = (double)labelWidth;
            foreach (var (count, css) in new[] { (row.Passed, "passed"), (row.Failed, "failed"), (row.Errors, "error"), (row.Skipped, "skipped") })
            {
                var width = count * BarWidth / (double)max;
                if (width > 0)
                {
                    svg.Append("<rect class=\"").Append(css).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(y).Append("\" width=\"").Append(N(width)).Append("\" height=\"18\" rx=\"2\"/>");
                }

                x += width;
            }

            svg.Append("<text x=\"").Append(N(x + 6)).Append("\" y=\"").Append(y + 15).Append("\" class=\"count\">")
                .Append($"{row.Passed}/{row.Executed}" + (row.Skipped > 0 ? $" ({row.Skipped} skipped)" : string.Empty)).Append("</text></g>");
        }

        svg.Append("</svg><p class=\"legend\"><span class=\"passed\"></span>passed <span class=\"failed\"></span>failed <span class=\"error\"></span>error <span class=\"skipped\"></span>skipped</p>");
        return svg.ToString();
    }

    private static void Case(StringBuilder html, CaseResult result)
    {
        var css = result.Outcome switch
        {
            CaseOutcome.Passed => "passed",
            CaseOutcome.Failed => "failed",
            CaseOutcome.Error => "error",
            _ => "skipped",
        };
        var mark = result.Outcome switch
        {
            CaseOutcome.Passed => "✔",
            CaseOutcome.Failed => "✘",
            CaseOutcome.Error => "!",
            _ => "–",
        };
        html.Append("<details class=\"case ").Append(css).Append('"').Append(result.Outcome is CaseOutcome.Failed or CaseOutcome.Error ? " open" : string.Empty)
            .Append("><summary><span class=\"mark\">").Append(mark).Append("</span> <b>").Append(E(result.CheckId)).Append("</b> <span class=\"msg\">")
            .Append(E(result.Message)).Append("</span></summary><div class=\"body\">");
        html.Append("<p class=\"description\">").Append(E(CheckCatalog.Describe(result.CheckId))).Append("</p>");
        if (result.Failures.Count > 1)
        {
            html.Append("<ul>");
            foreach (var failure in result.Failures)
            {
                html.Append("<li>").Append(E(failure)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (result.Exchanges.Count > 0)
        {
            html.Append("<table><tr><th>request</th><th>status</th><th>answer</th></tr>");
            foreach (var exchange in result.Exchanges.Take(MaxExchanges))
            {
                var status = exchange.Status?.ToString(CultureInfo.InvariantCulture) ?? "—";
                html.Append("<tr><td><i>").Append(E(exchange.Label)).Append("</i><br><code>").Append(E(exchange.Method)).Append(' ').Append(E(exchange.Url)).Append("</code></td><td class=\"status\">")
                    .Append(status).Append("</td><td><code>").Append(E(exchange.ContentType ?? string.Empty)).Append("</code>");
                foreach (var (name, value) in exchange.Headers)
                {
                    html.Append("<br><code>").Append(E(name)).Append(": ").Append(E(value)).Append("</code>");
                }

                html.Append("<pre>").Append(E(exchange.BodyExcerpt)).Append("</pre></td></tr>");
            }

            html.Append("</table>");
            if (result.Exchanges.Count > MaxExchanges)
            {
                html.Append("<p class=\"more\">").Append(result.Exchanges.Count - MaxExchanges).Append(" more requests (see the JSON report)</p>");
            }
        }

        html.Append("</div></details>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
        header,section{padding:16px 32px}header{background:#fff;border-bottom:1px solid #dde1e6}
        h1{margin:0 0 4px;font-size:24px}h2{font-size:18px;margin:8px 0}h3{font-size:15px;margin:18px 0 6px}h3 small{color:#67707c;font-weight:normal}
        .meta{color:#4b5563;margin:0 0 12px}.totals{display:flex;gap:12px;flex-wrap:wrap;align-items:center}
        .total{background:#eef0f3;border-radius:6px;padding:6px 14px;min-width:80px;text-align:center}.total b{display:block;font-size:22px}
        .total.passed{background:#dcf3e3}.total.failed{background:#fbe0e0}.total.error{background:#fdebd3}.total.skipped{background:#eceef1}
        .verdict{font-weight:bold;font-size:18px;padding:6px 14px;border-radius:6px;color:#fff}.verdict.passed{background:#2e9b57}.verdict.failed{background:#c93c3c}
        .chart{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px}.chart .label{font-size:12px;fill:#1d232b}.chart .count{font-size:12px;fill:#4b5563}
        rect.passed,.legend .passed{fill:#3aa76d;background:#3aa76d}rect.failed,.legend .failed{fill:#d64545;background:#d64545}
        rect.error,.legend .error{fill:#e8912d;background:#e8912d}rect.skipped,.legend .skipped{fill:#b9c0c9;background:#b9c0c9}
        .legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;border-radius:2px;vertical-align:middle}
        .filters button{border:1px solid #c4cad2;background:#fff;border-radius:4px;padding:4px 10px;margin-right:6px;cursor:pointer}.filters button.on{background:#1d232b;color:#fff}
        .method{display:inline-block;background:#1d232b;color:#fff;border-radius:3px;padding:0 6px;font-size:12px}
        details.case{background:#fff;border:1px solid #dde1e6;border-left:4px solid #b9c0c9;border-radius:4px;margin:4px 0}
        details.case.passed{border-left-color:#3aa76d}details.case.failed{border-left-color:#d64545}details.case.error{border-left-color:#e8912d}
        details.case summary{cursor:pointer;padding:5px 10px}.mark{display:inline-block;width:14px}.passed .mark{color:#3aa76d}.failed .mark{color:#d64545}.error .mark{color:#e8912d}
        .msg{color:#4b5563}.body{padding:4px 12px 10px}.description{color:#67707c;margin:2px 0 8px}
        table{border-collapse:collapse;width:100%;font-size:12px}td,th{border-top:1px solid #eceef1;padding:4px 6px;text-align:left;vertical-align:top}
        td.status{font-weight:bold}pre{white-space:pre-wrap;word-break:break-all;margin:4px 0;color:#374151}code{font-size:12px;word-break:break-all}
        .hidden{display:none}
        """;

    private const string Script = """
        document.querySelectorAll('.filters button').forEach(function (button) {
          button.addEventListener('click', function () {
            document.querySelectorAll('.filters button').forEach(function (b) { b.classList.toggle('on', b === button); });
            var show = button.getAttribute('data-show');
            document.querySelectorAll('details.case').forEach(function (c) {
              var visible = show === 'all' || c.classList.contains(show) || (show === 'failed' && c.classList.contains('error'));
              c.classList.toggle('hidden', !visible);
            });
          });
        });
        """;
}
