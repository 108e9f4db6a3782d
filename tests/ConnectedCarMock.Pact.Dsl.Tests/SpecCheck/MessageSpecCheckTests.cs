using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

/// <summary>Message interactions are never passed silently by the spec check (issue 16, item 7).</summary>
public class MessageSpecCheckTests
{
    [Test]
    public void A_message_interaction_without_a_message_document_is_reported_not_skipped()
    {
        var message = new JsonObject
        {
            ["type"] = "Asynchronous/Messages",
            ["description"] = "a remote action done event",
            ["contents"] = new JsonObject { ["content"] = new JsonObject { ["type"] = "Remote" }, ["contentType"] = "application/json", ["encoded"] = false },
        };

        var mismatches = PactSpecChecker.Check(PactText.Of(message), Specs.Embedded);

        Assert.That(mismatches, Is.Not.Empty, "a message interaction is not a REST interaction that happens to match");
        Assert.That(mismatches.Single().Reason, Does.Contain("message"));
        Assert.That(mismatches.Single().Interaction, Is.EqualTo("a remote action done event"));
    }

    [Test]
    public void A_V3_message_pact_is_read_with_its_messages()
    {
        var pact = """
            {"consumer":{"name":"CarApp"},"provider":{"name":"ConnectedCarEvents"},"metadata":{"pactSpecification":{"version":"3.0.0"}},
             "messages":[{"description":"a monitor event","providerStates":[{"name":"a monitor exists","params":{"id":"m1"}}],"contents":{"type":"Monitor"},"metaData":{"contentType":"application/json"}}]}
            """;

        var document = PactDocument.Parse(pact);

        var message = document.Messages.Single();
        Assert.That((message.Description, message.States.Single(), message.ContentType), Is.EqualTo(("a monitor event", "a monitor exists", "application/json")));
        Assert.That(message.Contents!.Value.GetProperty("type").GetString(), Is.EqualTo("Monitor"));
        Assert.That(document.Entries.Single().StateParameters.Single(), Is.EqualTo("""{"id":"m1"}"""));
    }
}
