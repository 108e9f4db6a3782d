using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>The queue and the journal on their interfaces (no HTTP): what a shared implementation must also do.</summary>
public class DeliveryStoreTests
{
    [Test]
    public async Task Concurrent_producers_and_consumers_lose_and_duplicate_nothing()
    {
        await using var queue = new InMemoryDeliveryQueue();
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var producers = Enumerable.Range(0, 50).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await queue.EnqueueAsync(Event($"{p}-{i}"), i % 3 == 0 ? TimeSpan.FromMilliseconds(i) : TimeSpan.Zero);
            }
        })).ToList();
        var consumers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (claimed.Count < 2000)
            {
                var item = await queue.ClaimAsync(stop.Token);
                claimed.Add(item.SourceId);
                await queue.CompleteAsync(item);
            }
        })).ToList();

        await Task.WhenAll(producers);
        await Task.WhenAny(Task.WhenAll(consumers), Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.That(claimed, Has.Count.EqualTo(2000));
        Assert.That(claimed.Distinct().Count(), Is.EqualTo(2000));
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public async Task A_delayed_event_is_not_claimable_before_it_is_due_and_clearing_drops_it()
    {
        await using var queue = new InMemoryDeliveryQueue();
        await queue.EnqueueAsync(Event("later"), TimeSpan.FromSeconds(30));
        await queue.EnqueueAsync(Event("now"), TimeSpan.Zero);

        var first = await queue.ClaimAsync(CancellationToken.None);
        using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(first.SourceId, Is.EqualTo("now"));
        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.CatchAsync<OperationCanceledException>(async () => await queue.ClaimAsync(brief.Token));
        await queue.ClearAsync();
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public async Task The_journal_keeps_attempts_wakes_waiters_and_stays_bounded()
    {
        var journal = new InMemoryDeliveryJournal(capacity: 3);
        var waiting = journal.WaitForAsync(d => d.RemoteId == "r1", 1, CancellationToken.None);
        journal.Begin(Delivery("m1", "r1"));
        journal.Attempt("m1", new DeliveryAttempt(1, DateTimeOffset.UtcNow, 503, null, 3.5));
        journal.Attempt("m1", new DeliveryAttempt(2, DateTimeOffset.UtcNow, 201, null, 2.5));
        Assert.That(waiting.IsCompleted, Is.False, "an unfinished delivery does not satisfy a waiter");

        journal.Finish("m1", DeliveryOutcome.Delivered, null);
        var found = (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Single();

        Assert.That(found.Attempts.Select(a => a.Status), Is.EqualTo(new int?[] { 503, 201 }));
        Assert.That(found.CompletedAt, Is.Not.Null);
        foreach (var id in new[] { "m2", "m3", "m4", "m5" })
        {
            journal.Begin(Delivery(id, "r2") with { Outcome = DeliveryOutcome.NotDelivered });
        }

        Assert.That(journal.Count, Is.EqualTo(3));
        Assert.That(journal.Query(new DeliveryFilter()).Select(d => d.MessageId), Is.EqualTo(new[] { "m3", "m4", "m5" }), "the oldest finished go first");
        Assert.That(journal.Query(new DeliveryFilter(RemoteId: "r2", Outcome: DeliveryOutcome.NotDelivered)), Has.Count.EqualTo(3));
    }

    [TestCase("pending=0ms;done=0ms", 0, 0)]
    [TestCase("pending=2s, done=150ms, attempts=3", 2000, 150)]
    [TestCase("immediate", 0, 0)]
    [TestCase("off", 300, 500)]
    public void Delivery_settings_parse(string text, int pendingMs, int doneMs)
    {
        var (options, error) = DeliveryOptions.Parse(text);

        Assert.That(error, Is.Null);
        Assert.That((options!.PendingDelay.TotalMilliseconds, options.DoneDelay.TotalMilliseconds), Is.EqualTo(((double)pendingMs, (double)doneMs)));
        Assert.That(options.Enabled, Is.EqualTo(text != "off"));
    }

    [TestCase("pending=soon")]
    [TestCase("attempts=0")]
    [TestCase("attempts=5s")]
    [TestCase("timeout=0ms")]
    [TestCase("retries=3")]
    public void Bad_delivery_settings_are_refused_with_a_reason(string text)
    {
        var (options, error) = DeliveryOptions.Parse(text);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain(text.Split('=')[0]));
    }

    [Test]
    public void The_environment_sets_events_hosts_and_variation()
    {
        var variables = new Dictionary<string, string>
        {
            ["CCMOCK_EVENTS"] = "pending=10ms;attempts=2",
            ["CCMOCK_WEBHOOK_HOSTS"] = "loopback, *.corp.example",
            ["CCMOCK_EVENT_VARIATION"] = "extra=0.5",
        };

        var options = MockServerOptions.FromEnvironment(variables.GetValueOrDefault).Events;

        Assert.That((options.PendingDelay, options.MaxAttempts), Is.EqualTo((TimeSpan.FromMilliseconds(10), 2)));
        Assert.That(options.WebhookHosts, Is.EqualTo(new[] { "loopback", "*.corp.example" }));
        Assert.That(options.Variation!.Extra, Is.EqualTo(0.5));
    }

    private static QueuedEvent Event(string id) =>
        new() { Kind = MessageKind.RemotePending, ChannelId = "c", VehicleId = "v", SourcePath = "/x/" + id, SourceId = id };

    private static Delivery Delivery(string id, string remote) => new()
    {
        MessageId = id,
        Kind = MessageKind.RemotePending,
        ChannelId = "c",
        RemoteId = remote,
        VehicleId = "v",
        Transport = "webhook",
        Message = "{}",
        CreatedAt = DateTimeOffset.UtcNow,
    };
}

/// <summary>The command line's event options: a bad value stops the mock with exit 2 and one line.</summary>
public class EventOptionsCliTests
{
    [TestCase("--events", "pending=soon", "--events: 'pending=soon'")]
    [TestCase("--event-variation", "often", "--event-variation: 'often'")]
    public async Task A_bad_event_option_exits_2_with_one_line(string option, string value, string message)
    {
        var result = await Cli.CliRunner.RunAsync("serve", "--port", "0", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain(message));
    }
}
