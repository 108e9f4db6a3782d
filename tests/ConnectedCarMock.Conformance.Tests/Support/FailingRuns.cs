using System.Collections.Concurrent;

namespace ConnectedCarMock.Conformance.Tests.Support;

/// <summary>Short runs against a defective mock (one check, a few operations): reports that hold failures.</summary>
internal static class FailingRuns
{
    public const string Defect = "wrong content type";
    public const string Check = "response.content-type";

    private static readonly ConcurrentDictionary<string, Lazy<Task<ConformanceReport>>> s_reports = new(StringComparer.Ordinal);

    /// <summary>The "wrong content type" mock checked for content types (and status codes) on three operations.</summary>
    public static Task<ConformanceReport> ReportAsync() =>
        s_reports.GetOrAdd(Defect, name => new Lazy<Task<ConformanceReport>>(async () =>
        {
            var defect = Defects.All.Single(d => d.Name == name);
            await using var mock = await MockTarget.StartAsync(Specs.Ours, defect.Create(new DefectTools(Specs.Embedded)));
            return await ConformanceRunner.RunAsync(mock.Options() with
            {
                Checks = [Check, "status.success", "request.tolerant-body"],
                Operations = ["getVehicleByid", "getVehicles", "postChannels"],
            });
        })).Value;
}
