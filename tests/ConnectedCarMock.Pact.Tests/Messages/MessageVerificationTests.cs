using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// Message pacts verified against the mock as the message provider (issue 16, item 4): CarApp's event pact, V4
/// asynchronous messages and a V3 message pact, written by our DSL, passes check-spec and verification; every
/// wrong expectation is caught, by check-spec where it contradicts the notification format and by verification
/// where it contradicts what the mock sends, each for its own reason.
/// </summary>
public class MessageVerificationTests
{
    private ConnectedCarMockServer _mock = null!;

    [OneTimeSetUp]
    public async Task StartTheMock() => _mock = await ConnectedCarMockServer.StartAsync(new MockServerOptions { Port = 0 });

    [OneTimeTearDown]
    public async Task StopTheMock() => await _mock.DisposeAsync();

    private Uri States => new(_mock.BaseUrl + ConnectedCarMockServer.StatesPath);

    private Uri Messages => new(_mock.BaseUrl + "/__mock/messages");

    [TestCase(PactSpecification.V4, true)]
    [TestCase(PactSpecification.V4, false)]
    [TestCase(PactSpecification.V3, true)]
    [TestCase(PactSpecification.V3, false)]
    public async Task The_event_pact_passes_check_spec_and_verification_against_the_mock(PactSpecification specification, bool throughStateUrl)
    {
        var pact = await MessagePacts.WriteGoodAsync(Folder($"good-{specification}-{throughStateUrl}"), specification);

        var mismatches = PactSpecChecker.CheckFile(pact, Specs.Embedded, NotificationSpecs.Ours);
        // With the mock's state URL the message URL beside it is implied; without, the message endpoint sets the states up itself.
        var result = await PactVerifier.VerifyAsync(throughStateUrl
            ? new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl), StateChangeUrl = States }
            : new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl), MessageProviderUrl = Messages });

        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
        Assert.That(result.Interactions.Select(i => (i.Description, i.IsMessage, i.Passed)), Is.EquivalentTo(EventConsumerContract.Descriptions.Select(d => (d, true, true))), result.EngineOutput + string.Join(Environment.NewLine, result.Failed));
        Assert.That(result.Passed, Is.True, result.EngineOutput);
        TestContext.Out.WriteLine($"{specification}, state URL {throughStateUrl}: {result}");
    }

    private static IEnumerable<TestCaseData> WrongMessages() =>
        from specification in new[] { PactSpecification.V4, PactSpecification.V3 }
        from wrong in MessagePacts.Wrong
        select new TestCaseData(specification, wrong.Name).SetName($"{specification} wrong message: {wrong.Name}");

    [TestCaseSource(nameof(WrongMessages))]
    public async Task A_wrong_message_is_caught_for_its_reason(PactSpecification specification, string name)
    {
        var wrong = MessagePacts.Wrong.Single(w => w.Name == name);
        var pact = await MessagePacts.WriteWrongAsync(Folder($"wrong-{specification}-{wrong.Name}"), specification, wrong);

        var mismatches = PactSpecChecker.CheckFile(pact, Specs.Embedded, NotificationSpecs.Ours);
        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl), StateChangeUrl = States });

        if (wrong.SpecKind is { } kind)
        {
            Assert.That(mismatches.Select(m => (m.Kind, m.Pointer)), Has.Member((kind, wrong.SpecPointer)), string.Join(Environment.NewLine, mismatches));
        }
        else
        {
            // Nothing in the pact contradicts the format: only the provider can tell.
            Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
        }

        var interaction = result.Interactions.Single();
        TestContext.Out.WriteLine($"{specification} '{wrong.Name}': check-spec {(mismatches.Count == 0 ? "passes" : string.Join("; ", mismatches))}; verification: {string.Join("; ", interaction.Mismatches)}");
        Assert.That((interaction.IsMessage, interaction.Passed, result.Passed), Is.EqualTo((true, false, false)), result.EngineOutput);
        Assert.That(interaction.Mismatches, Has.Some.Contains(wrong.VerificationReason), string.Join(Environment.NewLine, interaction.Mismatches));
    }

    [Test]
    public async Task A_V4_pact_with_both_kinds_sends_requests_to_the_api_and_asks_the_message_endpoint_for_messages()
    {
        var pact = Path.Combine(Folder("both-kinds"), "Both-ConnectedCarApi.json");
        Directory.CreateDirectory(Path.GetDirectoryName(pact)!);
        await File.WriteAllTextAsync(pact, """
            {
              "consumer": { "name": "Both" }, "provider": { "name": "ConnectedCarApi" },
              "interactions": [
                { "type": "Synchronous/HTTP", "description": "a request without credentials",
                  "request": { "method": "GET", "path": "/api/connectedcar/v1/accounts/vehicles" }, "response": { "status": 401 } },
                { "type": "Asynchronous/Messages", "description": "a remote action done event",
                  "providerStates": [{ "name": "a remote action succeeded", "params": { "action": "horn" } }],
                  "contents": { "content": { "type": "Remote", "remoteEvent": { "remoteType": "Horn", "eventStatus": { "type": "Done", "status": "Success" } } }, "contentType": "application/json", "encoded": false },
                  "metadata": { "contentType": "application/json" } }
              ],
              "metadata": { "pactSpecification": { "version": "4.0" } }
            }
            """);

        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl), StateChangeUrl = States });

        Assert.That(result.Interactions.Select(i => (i.Description, i.IsMessage, i.Passed)), Is.EqualTo(new[] { ("a request without credentials", false, true), ("a remote action done event", true, true) }), result.EngineOutput);
    }

    [Test]
    public async Task The_providers_refusal_is_shown_when_the_message_endpoint_sets_the_states_up_itself()
    {
        var wrong = MessagePacts.Wrong.Single(w => w.Name == "an unknown provider state");
        var pact = await MessagePacts.WriteWrongAsync(Folder("refusal"), PactSpecification.V4, wrong);

        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl), MessageProviderUrl = Messages });

        Assert.That(result.Interactions.Single().Mismatches, Has.Some.StartsWith("the message provider refused to produce the message: unknown provider state 'a remote action exploded'"));
    }

    [Test]
    public async Task Without_a_message_provider_message_interactions_fail_saying_so_and_are_not_sent_to_the_api()
    {
        var pact = await MessagePacts.WriteGoodAsync(Folder("no-provider"), PactSpecification.V4);
        _mock.WireMock.ResetLogEntries();

        var result = await PactVerifier.VerifyAsync(new PactVerificationOptions { PactFile = pact, Target = new Uri(_mock.ApiUrl) });

        Assert.That(result.Interactions, Has.Count.EqualTo(EventConsumerContract.Descriptions.Count).And.All.Matches<PactInteractionResult>(i => !i.Passed && i.Mismatches.Single().StartsWith("no message provider", StringComparison.Ordinal)));
        Assert.That(_mock.WireMock.LogEntries, Is.Empty);
    }

    [Test]
    public void A_message_provider_on_another_host_is_refused_before_anything_runs()
    {
        var options = new PactVerificationOptions { PactFile = "unused.json", Target = new Uri(_mock.ApiUrl), MessageProviderUrl = new Uri("http://messages.example:8080/__mock/messages") };

        var refused = Assert.ThrowsAsync<ArgumentException>(() => PactVerifier.VerifyAllAsync(options));

        Assert.That(refused!.Message, Does.Contain("must be on the target's host"));
    }

    private static string Folder(string name) =>
        Path.Combine(TestContext.CurrentContext.WorkDirectory, "message-verification", string.Concat(name.Split(Path.GetInvalidFileNameChars())).Replace(' ', '-'));
}
