using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Reads and validates request bodies: the media type must be one the operation accepts (415),
/// the JSON must parse (400) and match the schema under the tolerant-reader rules: unknown
/// properties are accepted, like the real API should, everything else is enforced (400).
/// </summary>
internal sealed class RequestBodyReader(ApiDocument document)
{
    private readonly ReadOnlyFill _readOnly = new(document);

    public const int MaxBodyBytes = 1 << 20;

    public (JsonNode? Body, MockResponse? Error) Read(Operation operation, MockRequest request)
    {
        var declared = operation.RequestBody;
        if (declared is null || declared.Content.Count == 0)
        {
            return (null, null);
        }

        if (request.Body.Length == 0)
        {
            return declared.Required ? (null, ErrorBodies.BadRequest("the request body is required")) : (null, null);
        }

        if (request.Body.Length > MaxBodyBytes)
        {
            return (null, ErrorBodies.Create(413, "PAYLOAD_TOO_LARGE", $"the request body exceeds {MaxBodyBytes} bytes"));
        }

        var contentTypeHeader = request.Header("Content-Type") ?? string.Empty;
        var contentType = contentTypeHeader.Split(';')[0].Trim();
        var charset = contentTypeHeader.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?[8..].Trim('"');
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            // JSON text exchanged between systems is UTF-8 (RFC 8259 §8.1).
            return (null, ErrorBodies.Create(415, "UNSUPPORTED_MEDIA_TYPE", $"charset '{ParameterReader.Printable(charset)}' is not supported; JSON is UTF-8"));
        }

        var media = declared.Content.FirstOrDefault(m => string.Equals(m.Name, contentType, StringComparison.OrdinalIgnoreCase))
            ?? (contentType.Length == 0 ? null : declared.Content.FirstOrDefault(m => m.IsJson && IsJson(contentType)))
            ?? (contentType.Length == 0 ? null : declared.Content.FirstOrDefault(m => Covers(m.Name, contentType)));
        if (media is null)
        {
            var accepted = string.Join(", ", declared.Content.Select(m => m.Name));
            return (null, ErrorBodies.Create(415, "UNSUPPORTED_MEDIA_TYPE", $"Content-Type '{ParameterReader.Printable(contentType)}' is not accepted; use {accepted}"));
        }

        if (!media.IsJson)
        {
            // Forms, files and text are taken as sent: only JSON bodies are read and checked against their schema.
            return (null, null);
        }

        // JSON is UTF-8 (RFC 8259); the parser leaves invalid bytes in a property name for a later read to throw on.
        if (!System.Text.Unicode.Utf8.IsValid(request.Body))
        {
            return (null, ErrorBodies.BadRequest("the request body is not valid JSON: it is not UTF-8"));
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return (null, ErrorBodies.BadRequest($"the request body is not valid JSON: {ex.Message.Split('.')[0]}"));
        }

        if (HasUnpairedSurrogate(request.Body))
        {
            return (null, ErrorBodies.BadRequest("the request body is not valid JSON: a string escapes an unpaired UTF-16 surrogate"));
        }

        if (media.Schema is not null)
        {
            var judged = _readOnly.Complete(media.Schema, body);
            var result = ReferenceEquals(judged, body) ? Validate(media.Schema, request.Body) : document.Validator.Validate(media.Schema, judged, ValidationMode.Tolerant);
            if (!result.IsValid)
            {
                var error = result.Errors[0];
                var at = error.InstancePointer.Length == 0 ? "/" : error.InstancePointer;
                return (null, ErrorBodies.BadRequest($"the request body is invalid at {at}: {error.Message}"));
            }
        }

        return (body, null);
    }

    // The body as sent, read in place: no copy of it written out again to be checked.
    private ValidationResult Validate(Schema schema, byte[] json)
    {
        using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        return document.Validator.Validate(schema, parsed.RootElement, ValidationMode.Tolerant);
    }

    // JSON accepts "\ud800" but no .NET string can be read from it: the validator would throw on it later.
    private static bool HasUnpairedSurrogate(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        return false;
    }

    // A media range of the document (image/*, */*) accepts every type inside it.
    private static bool Covers(string range, string contentType) =>
        range == "*/*" || (range.EndsWith("/*", StringComparison.Ordinal) && contentType.StartsWith(range[..^1], StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string contentType) =>
        contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}
