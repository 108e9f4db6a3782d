using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>Retries with backoff on failures, a journal of every attempt, and an API that no receiver can slow down.</summary>
public class DeliverySemanticsTests
{
    [Test]
    public async Task A_failing_receiver_is_retried_and_the_journal_shows_every_attempt_then_success()
    {
        var answers = new ConcurrentDictionary<string, int>();
        await using var receiver = WebhookReceiver.Start(request =>
            Task.FromResult(answers.AddOrUpdate(request.Header(DeliveryHeaders.MessageId)!, 1, (_, n) => n + 1) <= 2 ? 503 : 201));
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);

        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);

        var pending = await mock.Deliveries.WaitForAsync(d => d.RemoteId == remote && d.Kind == MessageKind.RemotePending);
        Assert.That(pending.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(pending.Attempts.Select(a => a.Status), Is.EqualTo(new int?[] { 503, 503, 201 }));
        Assert.That(pending.Attempts.Select(a => a.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(pending.Attempts.All(a => a.LatencyMs > 0), Is.True);
        var sent = receiver.Received.Where(r => r.Header(DeliveryHeaders.MessageId) == pending.MessageId).ToList();
        Assert.That(sent.Select(r => r.Header(DeliveryHeaders.Attempt)), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(sent.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "every attempt sends the same bytes");

        using var journal = await mock.Http.GetAsync($"/__mock/deliveries?remote={remote}&kind=RemotePending");
        var listed = JsonNode.Parse(await journal.Content.ReadAsStringAsync())!;
        Assert.That(listed["total"]!.GetValue<int>(), Is.EqualTo(1));
        var attempts = listed["deliveries"]![0]!["attempts"]!.AsArray();
        Assert.That(attempts.Select(a => a!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 503, 503, 201 }));
        Assert.That(attempts.All(a => a!["latencyMs"]!.GetValue<double>() > 0), Is.True);
        Assert.That(listed["deliveries"]![0]!["outcome"]!.GetValue<string>(), Is.EqualTo("Delivered"));
        Assert.That(listed["deliveries"]![0]!["message"]!["remoteEvent"], Is.Not.Null, "the message is in the journal as JSON");
    }

    [Test]
    public async Task Attempts_are_bounded_and_a_refusal_is_not_retried()
    {
        await using var broken = WebhookReceiver.Start(_ => Task.FromResult(500));
        await using var refusing = WebhookReceiver.Start(_ => Task.FromResult(400));
        await using var mock = await EventsMock.StartAsync(o => o with { MaxAttempts = 3 });
        var toBroken = await mock.CreateRemoteAsync(mock.Vehicles[0], await mock.CreateChannelAsync(broken.Url));
        var toRefusing = await mock.CreateRemoteAsync(mock.Vehicles[0], await mock.CreateChannelAsync(refusing.Url));

        var gaveUp = await mock.Deliveries.WaitForAsync(d => d.RemoteId == toBroken && d.Kind == MessageKind.RemotePending);
        var refused = await mock.Deliveries.WaitForAsync(d => d.RemoteId == toRefusing && d.Kind == MessageKind.RemotePending);

        Assert.That((gaveUp.Outcome, gaveUp.Attempts.Count, gaveUp.Reason), Is.EqualTo((DeliveryOutcome.Failed, 3, "gave up after 3 attempts: the receiver answered 500")));
        Assert.That((refused.Outcome, refused.Attempts.Count), Is.EqualTo((DeliveryOutcome.Failed, 1)));
        Assert.That(refused.Reason, Does.Contain("400 (not retried)"));
        var done = await mock.Deliveries.WaitForAsync(d => d.RemoteId == toBroken && d.Kind == MessageKind.RemoteDone);
        Assert.That(done.Attempts, Has.Count.EqualTo(3), "Done still follows a Pending that failed");
    }

    [Test]
    public async Task A_receiver_that_answers_too_late_is_retried_after_a_timeout()
    {
        var first = new ConcurrentDictionary<string, bool>();
        await using var receiver = WebhookReceiver.Start(async request =>
        {
            if (first.TryAdd(request.Header(DeliveryHeaders.MessageId)!, true))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            }

            return 201;
        });
        await using var mock = await EventsMock.StartAsync(o => o with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], await mock.CreateChannelAsync(receiver.Url));

        var pending = await mock.Deliveries.WaitForAsync(d => d.RemoteId == remote && d.Kind == MessageKind.RemotePending);

        Assert.That(pending.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(pending.Attempts[0].Status, Is.Null);
        Assert.That(pending.Attempts[0].Error, Is.EqualTo("no answer within 0.3 s"));
        Assert.That(pending.Attempts[^1].Status, Is.EqualTo(201));
    }

    [Test]
    public async Task A_receiver_that_never_answers_does_not_hold_the_api()
    {
        var arrived = 0;
        await using var hanging = WebhookReceiver.Start(async _ =>
        {
            Interlocked.Increment(ref arrived);
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
            return 201;
        });
        await using var mock = await EventsMock.StartAsync(o => o with { AttemptTimeout = TimeSpan.FromSeconds(60) });
        var channel = await mock.CreateChannelAsync(hanging.Url);
        var refused = await mock.CreateChannelAsync($"http://127.0.0.1:{WebhookReceiver.FreePort()}/hooks");
        var clock = Stopwatch.StartNew();

        var remotes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            remotes.Add(await mock.CreateRemoteAsync(mock.Vehicles[i % 5], i % 2 == 0 ? channel : refused));
        }

        for (var i = 0; i < 50; i++)
        {
            await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/vehicles/{mock.Vehicles[i % 5]}");
        }

        var apiTime = clock.Elapsed;
        var held = mock.Deliveries.All.Where(d => d.Target?.StartsWith(hanging.Url, StringComparison.Ordinal) == true).ToList();
        TestContext.Out.WriteLine($"40 creates and 50 reads in {apiTime.TotalMilliseconds:0} ms while {arrived} deliveries hang at the receiver");
        Assert.That(held, Is.Not.Empty, "deliveries to the hanging receiver started");
        Assert.That(held.All(d => d.Outcome == DeliveryOutcome.InProgress), Is.True, "every one still waits for its answer: the API did not wait for them");
        Assert.That(apiTime, Is.LessThan(TimeSpan.FromSeconds(60)), "the API answered before a single attempt timed out");

        var refusedOnes = await mock.Deliveries.WaitForAsync(20, d => d.Target?.Contains("127.0.0.1", StringComparison.Ordinal) == true && d.Target != null && !d.Target.StartsWith(hanging.Url, StringComparison.Ordinal) && d.Kind == MessageKind.RemotePending);
        Assert.That(refusedOnes.Select(d => d.Outcome), Is.All.EqualTo(DeliveryOutcome.Failed));
        Assert.That(refusedOnes[0].Attempts.Select(a => a.Error), Is.All.EqualTo("connection failed: ConnectionRefused"));
    }

    [Test]
    public async Task Push_and_websocket_channels_record_what_the_mock_would_send()
    {
        await using var mock = await EventsMock.StartAsync();
        var push = await mock.CreateChannelAsync(
            new JsonObject
            {
                ["pushnotif"] = new JsonObject
                {
                    ["devices"] = new JsonArray("fcm:device-one", "fcm:device-two"),
                    ["attributes"] = new JsonArray(new JsonObject { ["type"] = "Header", ["key"] = "vin", ["value"] = "$Vin" }),
                },
            },
            "Driver app");
        var socket = await mock.CreateChannelAsync(new JsonObject { ["websocket"] = new JsonObject { ["target"] = "wss://127.0.0.1:1/events" } });
        var pushRemote = await mock.CreateRemoteAsync(mock.Vehicles[0], push, EventsMock.Lock("Lock the van"));
        var socketRemote = await mock.CreateRemoteAsync(mock.Vehicles[0], socket);

        var recorded = await mock.Deliveries.WaitForAsync(d => d.RemoteId == pushRemote && d.Kind == MessageKind.RemoteDone);
        var written = await mock.Deliveries.WaitForAsync(d => d.RemoteId == socketRemote && d.Kind == MessageKind.RemoteDone);

        Assert.That((recorded.Outcome, recorded.Transport, recorded.Target), Is.EqualTo((DeliveryOutcome.Recorded, "pushnotif", "fcm:device-one, fcm:device-two")));
        var envelope = JsonNode.Parse(recorded.Message)!;
        var message = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["data"]!["message"]!.GetValue<string>()));
        Assert.That(NotificationSpecs.Problems(message), Is.Empty);
        Assert.That(envelope["notification"]!["title"]!.GetValue<string>(), Is.EqualTo("Lock the van"));
        Assert.That(envelope["notification"]!["body"]!.GetValue<string>(), Is.EqualTo(message));
        Assert.That(envelope["data"]!["vin"]!.GetValue<string>(), Has.Length.EqualTo(17));
        var ours = NotificationSpecs.Ours;
        Assert.That(ours.Validator.Validate(ours.Schemas["PushNotification"], recorded.Message).ToString(), Is.EqualTo("valid"));
        Assert.That((written.Outcome, written.Transport, written.Target), Is.EqualTo((DeliveryOutcome.Recorded, "websocket", "wss://127.0.0.1:1/events")));
        Assert.That(NotificationSpecs.Problems(written.Message), Is.Empty);
        Assert.That(mock.Connections, Is.Empty, "nothing was sent");
    }

    [Test]
    public async Task The_journal_filters_and_a_reset_forgets_it()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);
        var other = await mock.CreateChannelAsync(receiver.Url);
        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        await mock.CreateRemoteAsync(mock.Vehicles[0], other);
        await mock.Deliveries.WaitForAsync(4, _ => true);

        async Task<int> Count(string query) => (await mock.Http.GetFromJsonNodeAsync($"/__mock/deliveries{query}"))["total"]!.GetValue<int>();

        Assert.That(await Count(string.Empty), Is.EqualTo(4));
        Assert.That(await Count($"?channel={channel}"), Is.EqualTo(2));
        Assert.That(await Count($"?remote={remote}&kind=RemoteDone"), Is.EqualTo(1));
        Assert.That(await Count("?outcome=Delivered"), Is.EqualTo(4));
        Assert.That(await Count("?monitor=none"), Is.Zero);
        using (var bad = await mock.Http.GetAsync("/__mock/deliveries?kind=Sometimes"))
        {
            Assert.That((int)bad.StatusCode, Is.EqualTo(400));
        }

        using (var reset = await mock.Http.PostAsync("/__mock/reset", null))
        {
            Assert.That((int)reset.StatusCode, Is.EqualTo(204));
        }

        Assert.That(await Count(string.Empty), Is.Zero);
    }
}
