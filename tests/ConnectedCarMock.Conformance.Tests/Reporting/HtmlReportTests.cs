using System.Diagnostics;
using System.Text.RegularExpressions;
using ConnectedCarMock.Conformance.Tests.Support;

namespace ConnectedCarMock.Conformance.Tests.Reporting;

public partial class HtmlReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task The_page_is_self_contained_with_charts_and_failed_cases_open()
    {
        var report = await FailingRuns.ReportAsync();

        var html = Write(report);

        Assert.That(ExternalResource().IsMatch(html), Is.False, "the page loads nothing from elsewhere");
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<h2>Per check</h2>").And.Contain("<h2>Per tag</h2>"));
        Assert.That(Regex.Count(html, "<svg class=\"chart\""), Is.EqualTo(2));
        Assert.That(Regex.Count(html, "<details class=\"case "), Is.EqualTo(report.Total));
        Assert.That(Regex.Count(html, "<details class=\"case failed\" open>"), Is.EqualTo(report.Failed).And.GreaterThan(0));
        Assert.That(html, Does.Contain("getVehicleByid"));
    }

    [Test]
    public async Task The_page_renders_in_headless_Chromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"{Chromium} is absent: install it (apt-get install -y chromium) to check that the HTML report renders");
        }

        var report = await CleanRuns.ReportAsync(Specs.Published);
        var folder = Directory.CreateTempSubdirectory("conformance-html-");
        var page = Path.Combine(folder.FullName, "report.html");
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "conformance-report.png");
        File.Delete(screenshot);
        await File.WriteAllTextAsync(page, Write(report));

        var (exit, output) = await RunChromiumAsync(page, screenshot, Path.Combine(folder.FullName, "profile"));

        TestContext.Out.WriteLine($"screenshot: {screenshot}");
        Assert.That(exit, Is.Zero, output);
        Assert.That(File.Exists(screenshot), Is.True, output);
        TestContext.AddTestAttachment(screenshot, "the HTML report in headless Chromium");
        var bytes = await File.ReadAllBytesAsync(screenshot);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        Assert.That(bytes, Has.Length.GreaterThan(50_000), "a blank page compresses to a few kilobytes; the report's charts and rows do not");
        folder.Delete(recursive: true);
    }

    private static string Write(ConformanceReport report)
    {
        using var writer = new StringWriter();
        ReportFormats.WriteHtml(report, writer);
        return writer.ToString();
    }

    private static async Task<(int Exit, string Output)> RunChromiumAsync(string page, string screenshot, string profile)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={screenshot}", "--window-size=1280,2000",
            new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "chromium did not finish within 90 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
