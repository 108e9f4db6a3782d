using ConnectedCarMock.MockServer.Events;

namespace ConnectedCarMock.MockServer.Tests.Events;

/// <summary>
/// A mock never sends traffic to hosts it made up: channels of the world point into <c>.invalid</c>
/// and get nothing, reserved domains are never contacted, and <c>--webhook-hosts</c> bounds the rest.
/// Every connection the sender opens is observed.
/// </summary>
public class DeliverySafetyTests
{
    public static IEnumerable<TestCaseData> Documents() => Specs.Names.Select(n => new TestCaseData(n).SetName($"world channels get nothing › {n}"));

    [TestCaseSource(nameof(Documents))]
    public async Task No_delivery_leaves_for_a_host_no_client_registered(string spec)
    {
        if (spec == Specs.Published)
        {
            TestPaths.RequirePublishedSpec();
        }

        // No allowlist: what keeps world channels silent is that no client registered their targets.
        await using var mock = await EventsMock.StartAsync(o => o with { WebhookHosts = null }, spec: spec);
        var channels = mock.World.IdsOf(mock.World.Model.ByItem("/accounts/channels/{chId}")!, new Dictionary<string, string>());
        var monitors = mock.World.Model.ByItem("/accounts/channels/{chId}/monitors/{mid}")!;
        var raised = 0;
        foreach (var channel in channels)
        {
            await mock.SetStatusAsync($"/accounts/channels/{channel}", "Running"); // the world may have paused it: only registration may stop it here
            var body = await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/channels/{channel}");
            foreach (var transport in new[] { "webhook", "websocket" })
            {
                if (body["subscribe"]?["channel"]?[transport]?["target"] is { } target)
                {
                    Assert.That(new Uri(target.GetValue<string>()).Host, Does.EndWith(".invalid"), $"{transport} target of world channel {channel}");
                }
            }

            foreach (var monitor in mock.World.IdsOf(monitors, new Dictionary<string, string> { ["chId"] = channel }))
            {
                await mock.SetStatusAsync($"/accounts/channels/{channel}/monitors/{monitor}", "Running");
                await mock.Deliveries.TriggerMonitorAsync(monitor, new MonitorTrigger { ChannelId = channel, Refreshes = 0 });
                raised++;
            }

            await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
            raised += 2;
        }

        var deliveries = await mock.Deliveries.WaitForAsync(raised, _ => true);

        TestContext.Out.WriteLine($"{spec}: {channels.Count} world channels, {raised} messages: {string.Join(", ", deliveries.GroupBy(d => d.Outcome).Select(g => $"{g.Count()} {g.Key}"))}");
        Assert.That(deliveries.Select(d => d.Outcome), Is.All.AnyOf(DeliveryOutcome.NotDelivered, DeliveryOutcome.Recorded));
        Assert.That(deliveries.Where(d => d.Transport == "webhook").Select(d => d.Reason), Is.All.Contains("no client registered"));
        Assert.That(deliveries.SelectMany(d => d.Attempts), Is.Empty);
        Assert.That(mock.Connections, Is.Empty, "not one connection was attempted");
    }

    [TestCase("https://hooks.example.com/events", "RFC 2606")]
    [TestCase("http://receiver.test/events", "RFC 2606")]
    [TestCase("https://7a1c.channels.invalid/webhook", "RFC 2606")]
    [TestCase("http://192.0.2.10/hooks", "is not in --webhook-hosts")]
    [TestCase("http://fleet.corp.internal/hooks", "is not in --webhook-hosts")]
    [TestCase("ftp://127.0.0.1/hooks", "only http and https")]
    [TestCase("not a url", "is not an absolute URL")]
    public async Task A_registered_target_outside_the_allowed_hosts_gets_nothing(string target, string reason)
    {
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(target);

        var remote = await mock.CreateRemoteAsync(mock.Vehicles[0], channel);
        var both = await mock.Deliveries.WaitForAsync(2, d => d.RemoteId == remote);

        Assert.That(both.Select(d => d.Outcome), Is.All.EqualTo(DeliveryOutcome.NotDelivered));
        Assert.That(both.Select(d => d.Reason), Is.All.Contains(reason));
        Assert.That(mock.Connections, Is.Empty);
    }

    [Test]
    public async Task Every_connection_the_sender_opens_in_the_tests_is_to_loopback()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var mock = await EventsMock.StartAsync();
        var channel = await mock.CreateChannelAsync(receiver.Url);
        for (var i = 0; i < 10; i++)
        {
            await mock.CreateRemoteAsync(mock.Vehicles[i % 5], channel);
        }

        await mock.Deliveries.WaitForAsync(20, d => d.Outcome == DeliveryOutcome.Delivered);

        Assert.That(mock.Connections, Is.Not.Empty);
        Assert.That(mock.Connections.Select(c => c.Host), Is.All.EqualTo("127.0.0.1"));
    }

    [Test]
    public void The_allowlist_reads_names_domains_and_loopback()
    {
        var policy = new HostPolicy(["loopback", "*.corp.example.net", "hooks.partner.io"]);
        Assert.Multiple(() =>
        {
            Assert.That(policy.Refusal("127.0.0.1"), Is.Null);
            Assert.That(policy.Refusal("[::1]"), Is.Null);
            Assert.That(policy.Refusal("localhost"), Is.Null);
            Assert.That(policy.Refusal("hooks.partner.io"), Is.Null);
            Assert.That(policy.Refusal("HOOKS.partner.io"), Is.Null);
            Assert.That(policy.Refusal("evil.partner.io"), Does.Contain("--webhook-hosts"));
            Assert.That(policy.Refusal("a.corp.example.net"), Does.Contain("RFC 2606"), "a reserved domain stays closed, whatever the list says");
            Assert.That(new HostPolicy(null).Refusal("hooks.partner.io"), Is.Null, "no list: any host a client registered");
            Assert.That(new HostPolicy(["*"]).Refusal("x.invalid"), Does.Contain("RFC 2606"));
        });
    }

    [Test]
    public async Task The_world_renders_invalid_targets_alike_in_lists_and_details()
    {
        await using var mock = await EventsMock.StartAsync();
        var list = await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/channels");
        foreach (var item in list["_embedded"]!["channels"]!.AsArray())
        {
            var detail = await mock.Http.GetFromJsonNodeAsync($"{mock.Api}/accounts/channels/{item!["id"]!.GetValue<string>()}");
            Assert.That(item["subscribe"]!.ToJsonString(), Is.EqualTo(detail["subscribe"]!.ToJsonString()));
            Assert.That(item.ToJsonString(), Does.Not.Match(@"""target"":""(?!(https|wss)://[^""/]+\.channels\.invalid/)"));
        }
    }
}
