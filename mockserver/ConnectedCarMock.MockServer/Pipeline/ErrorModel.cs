using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Writes the mock's errors in the document's own error model: for the status of the answer, the schema the
/// operation declares (exact code, then range, then <c>default</c>; for requests that name no operation, the
/// schema most operations declare for that status), a body generated from it once per schema and status,
/// and the error's message, name, debug id and status put in the properties meant for them
/// (<see cref="ErrorSlots"/>). A part that would make the body invalid keeps the generated value. Where the
/// document declares nothing, the xError body stays.
/// </summary>
internal sealed class ErrorModel
{
    private readonly ApiDocument _document;
    private readonly PayloadGenerator _generator;
    private readonly ConcurrentDictionary<(string Pointer, int Status), ErrorTemplate?> _templates = new();
    private readonly ConcurrentDictionary<int, MediaType?> _common = new();

    public ErrorModel(ApiDocument document)
    {
        _document = document;
        _generator = new PayloadGenerator(document);
    }

    /// <summary>The answer with its error body in the document's model; other answers unchanged.</summary>
    public MockResponse Shape(Operation? operation, MockResponse response)
    {
        if (response.Note(ErrorBodies.NameNote) is not { } name || response.Status < 400)
        {
            return response;
        }

        var media = Declared(operation, response.Status) ?? Common(response.Status);
        if (media?.Schema is not { } schema)
        {
            return response;
        }

        var message = response.Note(ErrorBodies.MessageNote) ?? string.Empty;
        var debug = response.Note(ErrorBodies.DebugNote) ?? string.Empty;
        if (!media.IsJson)
        {
            return _document.View(schema).Is("string") ? Rewritten(response, media.Name, Encoding.UTF8.GetBytes(message)) : response;
        }

        var template = _templates.GetOrAdd((schema.Pointer, response.Status), key => ErrorTemplate.Build(_document, _generator, schema, key.Status));
        if (template is null)
        {
            return response;
        }

        var body = template.Fill(name, message, debug, response.Status);
        var type = media.Name == "*/*" ? ErrorBodies.ContentType : media.Name;
        return Rewritten(response, type, Encoding.UTF8.GetBytes(body.ToJsonString(JsonBody.Options)));
    }

    /// <summary>The JSON (or text) error content the operation declares for a status: the code, its range, then default.</summary>
    public static MediaType? Declared(Operation? operation, int status)
    {
        if (operation is null)
        {
            return null;
        }

        var candidates = operation.Responses.Where(r => r.Code == status)
            .Concat(operation.Responses.Where(r => r.Code is null && r.Status != "default" && r.Describes(status)))
            .Concat(operation.Responses.Where(r => r.Status == "default"));
        foreach (var response in candidates)
        {
            var media = response.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null)
                ?? response.Content.FirstOrDefault(m => m.Schema is not null && m.Name.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
            if (media is not null)
            {
                return media;
            }
        }

        return null;
    }

    /// <summary>For requests that name no operation (unknown paths, wrong methods): the JSON error schema most operations declare.</summary>
    private MediaType? Common(int status) => _common.GetOrAdd(status, code =>
        _document.Operations.Select(o => Declared(o, code)).OfType<MediaType>().Where(m => m.IsJson)
            .GroupBy(m => m.Schema!.Pointer, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First()).FirstOrDefault());

    private static MockResponse Rewritten(MockResponse response, string contentType, byte[] body)
    {
        var copy = response.WithStatus(response.Status);
        copy.ContentType = contentType;
        copy.Body = body;
        return copy;
    }
}

/// <summary>
/// An error body generated once for a schema and status, with the properties that take the message, name,
/// debug id and status: the parts the document does not require and that carry none of them are left out.
/// </summary>
internal sealed class ErrorTemplate
{
    private readonly ApiDocument _document;
    private readonly Schema _schema;
    private readonly JsonNode _body;
    private readonly List<ErrorSlot> _slots;

    private ErrorTemplate(ApiDocument document, Schema schema, JsonNode body, List<ErrorSlot> slots)
    {
        _document = document;
        _schema = schema;
        _body = body;
        _slots = slots;
    }

    public static ErrorTemplate? Build(ApiDocument document, PayloadGenerator generator, Schema schema, int status)
    {
        JsonNode? generated;
        try
        {
            generated = generator.Generate(schema, StableSeed.Of(status, "error", schema.Pointer));
        }
        catch (InvalidOperationException)
        {
            // A schema no value satisfies (reported by the generator): the error keeps the mock's own shape.
            return null;
        }

        if (generated is null)
        {
            return null;
        }

        var slots = generated is JsonObject ? ErrorSlots.Find(document, document.View(schema)) : [];
        var template = new ErrorTemplate(document, schema, generated, slots);
        template.Prune();
        return template;
    }

    /// <summary>A new body with the error's parts where they keep it valid.</summary>
    public JsonNode Fill(string name, string message, string debug, int status)
    {
        var body = _body.DeepClone();
        var values = _slots.Select(s => (Slot: s, Value: s.Value(name, message, debug, status))).ToList();
        foreach (var (slot, value) in values)
        {
            slot.Set(body, value);
        }

        if (values.Count > 0 && !IsValid(body))
        {
            // One part breaks a constraint (a length, an enum): keep the generated value there, the others as asked.
            body = _body.DeepClone();
            foreach (var (slot, value) in values)
            {
                var previous = slot.Get(body);
                slot.Set(body, value);
                if (!IsValid(body))
                {
                    slot.Set(body, previous);
                }
            }
        }

        return body;
    }

    private bool IsValid(JsonNode body) => _document.Validator.Validate(_schema, body, ValidationMode.Strict).IsValid;

    /// <summary>Leaves out the top-level properties the schema does not require and no slot uses, when the body stays valid.</summary>
    private void Prune()
    {
        if (_body is not JsonObject root)
        {
            return;
        }

        var required = _document.View(_schema).Required;
        var kept = _slots.Select(s => s.Path[0]).ToHashSet(StringComparer.Ordinal);
        var removed = root.Where(p => !required.Contains(p.Key) && !kept.Contains(p.Key)).Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        foreach (var (key, _) in removed)
        {
            root.Remove(key);
        }

        if (!IsValid(root))
        {
            foreach (var (key, value) in removed)
            {
                root[key] = value;
            }
        }
    }
}
