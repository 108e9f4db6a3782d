using ConnectedCarMock.Conformance.Webhooks;

namespace ConnectedCarMock.Conformance.Tests.Webhooks;

/// <summary>
/// The webhook runner against real receivers on loopback: a correct one passes every check; each
/// defective one is caught by the check meant for its defect.
/// </summary>
public class WebhookRunnerTests
{
    private static readonly (string Name, string CheckId, SampleReceiver Receiver)[] Defective =
    [
        ("rejects an unknown field", WebhookChecks.Tolerant, new SampleReceiver { RejectsUnknownFields = true }),
        ("requires an optional field (attributes)", WebhookChecks.Tolerant, new SampleReceiver { RequiresAttributes = true }),
        ("answers 500 to a duplicate", WebhookChecks.Duplicate, new SampleReceiver { FailsOnDuplicates = true }),
        ("processes a duplicate again (200 with side effects twice)", WebhookChecks.Idempotent, new SampleReceiver { ProcessesDuplicates = true }),
        ("ignores Failed results", WebhookChecks.Effect, new SampleReceiver { IgnoresFailed = true }),
        ("crashes on malformed JSON", WebhookChecks.Malformed, new SampleReceiver { CrashesOnMalformed = true }),
        ("rejects monitor messages", WebhookChecks.Valid, new SampleReceiver { RejectsMonitors = true }),
        ("rejects monitor reminders", WebhookChecks.Valid, new SampleReceiver { RejectsReminders = true }),
        ("rejects AlreadyDone", WebhookChecks.Valid, new SampleReceiver { RejectsAlreadyDone = true }),
        ("crashes on an enum value it does not know", WebhookChecks.UnknownEnum, new SampleReceiver { CrashesOnUnknownEnums = true }),
        ("answers Failed results too slowly", WebhookChecks.Timely, new SampleReceiver { SlowOnFailed = TimeSpan.FromMilliseconds(700) }),
    ];

    public static IEnumerable<TestCaseData> Defects() => Defective.Select(d => new TestCaseData(d.Name).SetName($"a receiver that {d.Name} is caught by {d.CheckId}"));

    [Test]
    public async Task A_correct_receiver_passes_every_check()
    {
        await using var receiver = WebhookReceiver.Start(new SampleReceiver().HandleAsync);

        var report = await WebhookRunner.RunAsync(Options(receiver));

        TestContext.Out.WriteLine($"{report.Total} cases, {report.Passed} passed, {report.Failed} failed, {report.Errors} errors, {report.Skipped} skipped; {receiver.Received.Count(r => r.Method == "POST")} messages posted");
        Assert.That(report.Cases.Where(c => c.Outcome != CaseOutcome.Passed).Select(c => $"{c.Name}: {c.Message}"), Is.Empty);
        Assert.That(report.Cases.Select(c => c.CheckId).Distinct(), Is.EquivalentTo(WebhookChecks.All.Select(c => c.Id)), "every check ran");
        Assert.That(report.Cases.Select(c => c.OperationId).Distinct(), Is.EquivalentTo(new[]
        {
            "remote.pending", "remote.done.success", "remote.done.already-done", "remote.done.failed", "monitor.trigger", "monitor.refresh", "malformed",
        }));
        Assert.That(report.ExitCode, Is.Zero);
    }

    [Test]
    public async Task Without_an_effects_url_what_answers_cannot_show_is_skipped_with_a_reason()
    {
        await using var receiver = WebhookReceiver.Start(new SampleReceiver().HandleAsync);

        var report = await WebhookRunner.RunAsync(Options(receiver) with { EffectsUrl = null });

        Assert.That(report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped).Select(c => c.CheckId).Distinct(), Is.EquivalentTo(new[] { WebhookChecks.Idempotent, WebhookChecks.Effect }));
        Assert.That(report.Cases.Where(c => c.Outcome == CaseOutcome.Skipped).Select(c => c.Message), Is.All.Contains("--effects-url"));
        Assert.That(report.Failed + report.Errors, Is.Zero);
    }

    [TestCaseSource(nameof(Defects))]
    public async Task A_defective_receiver_fails_the_check_meant_for_it(string name)
    {
        var (_, checkId, sample) = Defective.Single(d => d.Name == name);
        await using var receiver = WebhookReceiver.Start(sample.HandleAsync);

        var report = await WebhookRunner.RunAsync(Options(receiver));

        var failing = report.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).ToList();
        foreach (var group in failing.GroupBy(c => c.CheckId))
        {
            TestContext.Out.WriteLine($"{group.Key}: {group.Count()} failed, e.g. {group.First().Name}: {group.First().Message}");
        }

        Assert.That(failing.Where(c => c.CheckId == checkId), Is.Not.Empty, $"{checkId} did not catch a receiver that {name}");
        Assert.That(report.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void An_unreachable_receiver_is_a_setup_error()
    {
        var options = new WebhookOptions { Target = $"http://127.0.0.1:{WebhookReceiver.FreePort()}/hooks" };

        var error = Assert.ThrowsAsync<ConformanceSetupException>(() => WebhookRunner.RunAsync(options));

        Assert.That(error!.Message, Does.StartWith("cannot reach the receiver at"));
    }

    internal static WebhookOptions Options(WebhookReceiver receiver) => new()
    {
        Target = receiver.Url,
        EffectsUrl = $"http://127.0.0.1:{receiver.Port}/effects",
        Timeout = TimeSpan.FromMilliseconds(500),
        RunId = "tests",
    };
}
