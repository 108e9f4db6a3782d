using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

internal enum ErrorPart
{
    Message,
    Name,
    Debug,
    Status,
}

/// <summary>A property of an error body that takes one part of the mock's error, by its path of property names.</summary>
internal sealed record ErrorSlot(ErrorPart Part, IReadOnlyList<string> Path)
{
    public JsonNode? Value(string name, string message, string debug, int status) => Part switch
    {
        ErrorPart.Message => message,
        ErrorPart.Name => name,
        ErrorPart.Debug => debug,
        _ => status,
    };

    public JsonNode? Get(JsonNode body) => Parent(body)?[Path[^1]]?.DeepClone();

    public void Set(JsonNode body, JsonNode? value)
    {
        if (Parent(body) is { } parent)
        {
            parent[Path[^1]] = value?.DeepClone();
        }
    }

    private JsonObject? Parent(JsonNode body)
    {
        JsonNode? node = body;
        foreach (var name in Path.Take(Path.Count - 1))
        {
            node = node switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node as JsonObject;
    }
}

/// <summary>
/// Where an error schema keeps a message, a name, a debug id and a status: properties with the usual names
/// (<c>message</c>, <c>detail</c>, <c>error_description</c>...; <c>name</c>, <c>code</c>, <c>title</c>...;
/// <c>debug</c>, <c>traceId</c>...; <c>status</c>...) of the right type, at the top or in a nested error object
/// (<c>{"error": {"message": ...}}</c>) or the first item of a nested list of errors (<c>{"errors": [{"detail": ...}]}</c>),
/// each used once.
/// </summary>
internal static class ErrorSlots
{
    private static readonly (ErrorPart Part, string Type, string[] Names)[] Kinds =
    [
        (ErrorPart.Message, "string", ["message", "error_description", "errorMessage", "error_message", "detail", "details", "description", "reason", "msg", "text"]),
        (ErrorPart.Name, "string", ["name", "error", "errorCode", "error_code", "code", "title", "errorName", "status"]),
        (ErrorPart.Debug, "string", ["debug", "traceId", "trace_id", "requestId", "request_id", "correlationId", "correlation_id", "errorId", "error_id"]),
        (ErrorPart.Status, "integer", ["status", "statusCode", "status_code", "httpStatus", "httpCode", "code"]),
    ];

    private static readonly string[] NestedErrors = ["error", "errors", "fault", "problem"];

    public static List<ErrorSlot> Find(ApiDocument document, SchemaView view)
    {
        var containers = new List<(IReadOnlyList<string> Path, SchemaView View)> { ([], view) };
        foreach (var nested in NestedErrors)
        {
            if (view.Property(nested) is not { } property)
            {
                continue;
            }

            var nestedView = document.View(property.Schema);
            if (nestedView.IsObject)
            {
                containers.Add(([nested], nestedView));
            }
            else if (nestedView.Is("array") && nestedView.Items is { } items && document.View(items) is { IsObject: true } item)
            {
                containers.Add(([nested, "0"], item));
            }
        }

        var slots = new List<ErrorSlot>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (part, type, names) in Kinds)
        {
            var found = FindOne(document, containers, part, type, names, used);
            if (found is not null)
            {
                slots.Add(found);
                used.Add(string.Join('/', found.Path));
            }
        }

        return slots;
    }

    private static ErrorSlot? FindOne(ApiDocument document, List<(IReadOnlyList<string> Path, SchemaView View)> containers, ErrorPart part, string type, string[] names, HashSet<string> used)
    {
        foreach (var name in names)
        {
            foreach (var (path, view) in containers)
            {
                var property = view.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (property is null || used.Contains(string.Join('/', path.Append(property.Name))))
                {
                    continue;
                }

                var propertyView = document.View(property.Schema);
                if (propertyView.Is(type) || (type == "integer" && propertyView.Is("number")) || (type == "string" && propertyView.Types.Count == 0))
                {
                    return new ErrorSlot(part, [.. path, property.Name]);
                }
            }
        }

        return null;
    }
}
