using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Tests.Messages;

/// <summary>
/// Message pacts for the API's events, through the engine: the consumer's handler gets each message as the
/// engine makes it, the pact is written as V4 asynchronous messages or a V3 message pact, and check-spec
/// holds it to the companion notification document: the right messages pass, wrong ones are caught.
/// </summary>
public class MessagePactTests
{
    [TestCase(PactSpecification.V4)]
    [TestCase(PactSpecification.V3)]
    public async Task The_event_pact_is_written_with_every_message_and_agrees_with_the_notification_document(PactSpecification specification)
    {
        var pact = await WriteAsync(specification, EventConsumerContract.DeclareAll);

        var text = await File.ReadAllTextAsync(pact);
        var document = PactDocument.Parse(text);
        Assert.That(document.Messages.Select(m => m.Description), Is.EquivalentTo(EventConsumerContract.Descriptions));
        Assert.That(document.Interactions, Is.Empty);
        Assert.That(JsonNode.Parse(text)!["metadata"]!["pactSpecification"]!["version"]!.GetValue<string>(), Does.StartWith(specification == PactSpecification.V4 ? "4." : "3."));
        var mismatches = PactSpecChecker.Check(text, Specs.Embedded, NotificationSpec.Require());
        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
    }

    [Test]
    public async Task The_handler_gets_the_message_the_engine_makes_from_the_matchers()
    {
        var received = new List<string>();

        await WriteAsync(PactSpecification.V4, pact =>
        {
            EventConsumerContract.DeclareAll(pact);
            return received;
        });

        Assert.That(received, Has.Count.EqualTo(EventConsumerContract.Descriptions.Count));
        Assert.That(JsonNode.Parse(received[0])!["remoteEvent"]!["eventStatus"]!["type"]!.GetValue<string>(), Is.EqualTo("Pending"));
    }

    [Test]
    public void A_handler_that_fails_writes_no_pact()
    {
        var pact = MessagePactBuilder.Create("Failing", "ConnectedCarApi", new PactConfig { PactDir = Folder("failing") });
        EventConsumerContract.DeclareAll(pact);

        Assert.ThrowsAsync<FormatException>(() => pact.VerifyAsync(_ => throw new FormatException("the receiver could not read it")));
        Assert.That(File.Exists(pact.PactFilePath), Is.False);
    }

    private static IEnumerable<TestCaseData> WrongMessages()
    {
        yield return Wrong("an unknown remote type", new { type = "Remote", channelId = "c", date = "2024-05-14T08:20:25Z", remoteEvent = new { remoteActionId = "r", remoteType = "Teleport", eventStatus = new { type = "Done", status = "Success" } } }, PactMismatchKind.InvalidMessage, "/contents/remoteEvent/remoteType");
        yield return Wrong("an undocumented property", new { type = "Remote", channelId = "c", date = "2024-05-14T08:20:25Z", priority = "high" }, PactMismatchKind.UndocumentedProperty, "/contents/priority");
        yield return Wrong("a message type that does not exist", new { type = "Alert", channelId = "c", date = "2024-05-14T08:20:25Z" }, PactMismatchKind.InvalidMessage, "/contents/type");
        yield return Wrong("a monitor id of the wrong type", new { type = "Monitor", channelId = "c", date = "2024-05-14T08:20:25Z", monitorEvent = new { monitorId = 42 } }, PactMismatchKind.InvalidMessage, "/contents/monitorEvent/monitorId");
        yield return Wrong("a partial regex on the event type", new { type = "Remote", channelId = "c", date = "2024-05-14T08:20:25Z", remoteEvent = new { remoteActionId = "r", remoteType = "Doors", eventStatus = new { type = Match.Regex("Done", "Done|Pen"), status = "Success" } } }, PactMismatchKind.IncompatibleMatcher, "/contents/remoteEvent/eventStatus/type");
    }

    [TestCaseSource(nameof(WrongMessages))]
    public async Task A_wrong_message_is_caught_by_check_spec(string description, object contents, PactMismatchKind kind, string pointer)
    {
        var pact = await WriteAsync(PactSpecification.V4, p =>
        {
            p.ExpectsToReceive(description).Given("a remote action succeeded").WithJsonContent(contents);
            return null;
        }, description);

        var mismatches = PactSpecChecker.CheckFile(pact, Specs.Embedded, NotificationSpec.Require());

        Assert.That(mismatches.Select(m => (m.Kind, m.Pointer)), Has.Member((kind, pointer)), string.Join(Environment.NewLine, mismatches));
    }

    private static TestCaseData Wrong(string description, object contents, PactMismatchKind kind, string pointer) =>
        new TestCaseData(description, contents, kind, pointer).SetName($"wrong message: {description} is {kind}");

    private static Task<string> WriteAsync(PactSpecification specification, Action<MessagePactBuilder> declare) =>
        WriteAsync(specification, p =>
        {
            declare(p);
            return null;
        });

    private static async Task<string> WriteAsync(PactSpecification specification, Func<MessagePactBuilder, List<string>?> declare, string? name = null)
    {
        var pact = MessagePactBuilder.Create(EventConsumerContract.Consumer, EventConsumerContract.Provider, new PactConfig { PactDir = Folder(name ?? specification.ToString()), Specification = specification });
        var received = declare(pact);
        await pact.VerifyAsync(async message =>
        {
            received?.Add(message);
            if (name is null)
            {
                await EventConsumerContract.HandleAsync(message);
            }
            else
            {
                // A wrong message is wrong against the document, not against JSON: the receiver still gets JSON.
                using var json = System.Text.Json.JsonDocument.Parse(message);
            }
        });
        return pact.PactFilePath;
    }

    private static string Folder(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "message-pacts", string.Concat(name.Split(Path.GetInvalidFileNameChars())).Replace(' ', '-'));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return folder;
    }
}
