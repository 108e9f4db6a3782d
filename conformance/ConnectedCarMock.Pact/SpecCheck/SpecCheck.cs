using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>Why an interaction of a pact disagrees with the OpenAPI document.</summary>
public enum PactMismatchKind
{
    /// <summary>No documented path matches the request path.</summary>
    UnknownPath,

    /// <summary>The path exists, but not with this method.</summary>
    MethodNotAllowed,

    /// <summary>A path segment that is a parameter has a value its schema rejects (or an unfilled placeholder).</summary>
    InvalidPathParameter,

    /// <summary>The consumer sends a query parameter the operation does not document.</summary>
    UndocumentedQueryParameter,

    /// <summary>A query or header parameter value its schema rejects.</summary>
    InvalidParameter,

    /// <summary>A required parameter is not sent.</summary>
    MissingParameter,

    /// <summary>A request body for an operation that takes none.</summary>
    UnexpectedRequestBody,

    /// <summary>No request body for an operation that requires one.</summary>
    MissingRequestBody,

    /// <summary>The request body's media type is not one the operation accepts.</summary>
    UnsupportedMediaType,

    /// <summary>The request body does not validate against its schema.</summary>
    InvalidRequestBody,

    /// <summary>The response status is not documented for the operation.</summary>
    UndocumentedStatus,

    /// <summary>A response body where the document describes none.</summary>
    UndocumentedResponseBody,

    /// <summary>The response media type is not the documented one.</summary>
    WrongMediaType,

    /// <summary>A value of the response example contradicts the schema (type, format, enum...).</summary>
    InvalidResponseBody,

    /// <summary>The consumer depends on a property the schema does not document.</summary>
    UndocumentedProperty,

    /// <summary>A matching rule expects values the schema does not promise (or rejects values it allows).</summary>
    IncompatibleMatcher,

    /// <summary>A message interaction, and no message document to check it against was given.</summary>
    UncheckedMessage,

    /// <summary>A message's contents contradict the message schema (type, format, enum...), or are not JSON.</summary>
    InvalidMessage,
}

/// <summary>One disagreement between an interaction of a pact and the OpenAPI document.</summary>
/// <param name="Interaction">The interaction's description.</param>
/// <param name="Pointer">JSON pointer into the interaction: <c>/request/path</c>, <c>/response/status</c>, <c>/response/body/_embedded/vehicles/0/vin</c>...</param>
/// <param name="Reason">A sentence saying what is wrong and what the document says instead.</param>
public sealed record PactMismatch(string Interaction, string Pointer, PactMismatchKind Kind, string Reason)
{
    public override string ToString() => $"'{Interaction}' {Pointer}: {Reason} [{Kind}]";
}

/// <summary>
/// Checks a pact against an OpenAPI document before any provider is involved: every interaction must call
/// a documented operation with valid parameters and body, and expect a documented status, media type and
/// body shape. The response example is held to the tolerant-reader rules (providers may add fields, the
/// consumer may declare only what it reads) while every property it depends on must be documented.
/// </summary>
public static class PactSpecChecker
{
    /// <summary>Every mismatch of every interaction, in pact order; empty when the pact agrees with the document.</summary>
    /// <exception cref="FormatException">The text is not a pact file.</exception>
    public static IReadOnlyList<PactMismatch> Check(string pactJson, ApiDocument document) => Check(pactJson, document, null);

    /// <summary>
    /// As <see cref="Check(string, ApiDocument)"/>, with message interactions checked against <paramref name="messageDocument"/>
    /// (a document whose operations receive the messages, such as the companion notification document). Without
    /// one, each message interaction is reported as unchecked: never passed silently.
    /// </summary>
    /// <exception cref="FormatException">The text is not a pact file.</exception>
    public static IReadOnlyList<PactMismatch> Check(string pactJson, ApiDocument document, ApiDocument? messageDocument)
    {
        ArgumentNullException.ThrowIfNull(pactJson);
        ArgumentNullException.ThrowIfNull(document);
        var pact = PactDocument.Parse(pactJson);
        var mismatches = new List<PactMismatch>();
        foreach (var message in pact.Messages)
        {
            SpecCheckMessages.Check(new SpecCheckContext(messageDocument ?? document, message.Description, mismatches), message, messageDocument is not null);
        }

        foreach (var interaction in pact.Interactions)
        {
            var context = new SpecCheckContext(document, interaction, mismatches);
            if (SpecCheckOperations.Resolve(context) is { } operation)
            {
                SpecCheckRequest.Check(context, operation);
                SpecCheckResponse.Check(context, operation);
            }

            // After the document's checks, so that one wrong matcher is reported once, with the document's reason.
            SpecCheckRules.Check(context, interaction.Request, "request");
            SpecCheckRules.Check(context, interaction.Response, "response");
        }

        return mismatches;
    }

    /// <summary>
    /// The OAuth2 scopes (required and optional) of every documented operation the pact calls: what a token
    /// fetched for a provider verification (<c>--token-url</c>) should ask for.
    /// </summary>
    /// <exception cref="FormatException">The text is not a pact file.</exception>
    public static IReadOnlyList<string> ScopesFor(string pactJson, ApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(pactJson);
        ArgumentNullException.ThrowIfNull(document);
        var ignored = new List<PactMismatch>();
        return PactDocument.Parse(pactJson).Interactions
            .Select(i => SpecCheckOperations.Resolve(new SpecCheckContext(document, i, ignored)))
            .OfType<ResolvedOperation>()
            .SelectMany(r => r.Operation.Scopes)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><see cref="Check(string, ApiDocument, ApiDocument?)"/> on a file.</summary>
    public static IReadOnlyList<PactMismatch> CheckFile(string pactPath, ApiDocument document, ApiDocument? messageDocument = null) =>
        Check(File.ReadAllText(pactPath), document, messageDocument);
}

/// <summary>What every check of one interaction shares: the document, the interaction and where mismatches go.</summary>
internal sealed class SpecCheckContext(ApiDocument document, string description, List<PactMismatch> sink)
{
    public SpecCheckContext(ApiDocument document, PactInteraction interaction, List<PactMismatch> sink)
        : this(document, interaction.Description, sink) => Interaction = interaction;

    public ApiDocument Document { get; } = document;

    /// <summary>The HTTP interaction checked (unset while a message is checked).</summary>
    public PactInteraction Interaction { get; } = null!;

    public void Add(PactMismatchKind kind, string pointer, string reason) =>
        sink.Add(new PactMismatch(description, pointer, kind, reason));

    /// <summary>Whether this interaction already has a mismatch of this kind at this place.</summary>
    public bool Has(PactMismatchKind kind, string pointer) =>
        sink.Any(m => m.Kind == kind && m.Pointer == pointer && m.Interaction == description);

    /// <summary>A JSON pointer token: <c>~</c> and <c>/</c> escaped.</summary>
    public static string Token(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>A short name for a schema in messages: its component name or its pointer in the document.</summary>
    public static string NameOf(Schema schema) => schema.ComponentName ?? schema.Pointer;
}
