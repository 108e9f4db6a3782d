using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>
/// A message interaction against the document of the messages: the contents must be JSON that fits the message
/// schema under the tolerant-reader rules (the consumer declares what it reads), every property it declares must
/// be documented, and every matcher must accept what the schema promises and the message's own example.
/// The message schema is the JSON request body of the document's first operation that receives one
/// (all three delivery operations of the companion notification document take the same <c>Message</c>).
/// </summary>
internal static class SpecCheckMessages
{
    private const string Contents = "/contents";

    public static void Check(SpecCheckContext context, PactMessageInteraction message, bool documented)
    {
        if (!documented)
        {
            context.Add(PactMismatchKind.UncheckedMessage, Contents,
                "a message interaction; give the document of the messages (check-spec --message-spec FILE) to check it");
            return;
        }

        if (MessageSchema(context.Document) is not { } schema)
        {
            context.Add(PactMismatchKind.UncheckedMessage, Contents, "the message document has no operation that receives a JSON message");
            return;
        }

        if (message.Contents is not { } contents)
        {
            context.Add(PactMismatchKind.InvalidMessage, Contents, $"the contents are not JSON ({message.ContentType ?? "no content type"})");
            return;
        }

        var errors = context.Document.Validator.Validate(schema, contents, ValidationMode.Tolerant).Errors;
        // One line per place and reason: a value under several schema branches (eventStatus is one of several shapes) fails each alike.
        foreach (var error in errors.Where(e => e.Keyword is not ("required" or "oneOf" or "anyOf" or "allOf" or "$ref") && (e.Keyword != "schema" || errors.Count == 1))
            .DistinctBy(e => (e.InstancePointer, e.Keyword, e.Message)))
        {
            context.Add(PactMismatchKind.InvalidMessage, Contents + error.InstancePointer, $"{error.Message} ({error.Keyword} of {SpecCheckContext.NameOf(schema)})");
        }

        SpecCheckBodies.FlagUndocumented(context, contents, schema, Contents, "the provider does not promise it");
        SpecCheckBodies.CheckMatchers(context, message.Rules, schema, Contents);
        var asMessage = new PactMessage(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>(), contents, message.ContentsText, message.ContentType, message.Rules);
        SpecCheckRules.Check(context, asMessage, "message", Contents);
    }

    private static Schema? MessageSchema(ApiDocument document) =>
        document.Operations
            .Select(o => o.RequestBody?.Content.FirstOrDefault(c => c.Name.Contains("json", StringComparison.OrdinalIgnoreCase))?.Schema)
            .FirstOrDefault(s => s is not null);
}
