using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// Reads a JSON document into a <see cref="JsonNode"/> tree, recording the line of every key (so errors
/// in JSON documents name a line too) and treating a duplicate key as YAML documents do.
/// </summary>
internal sealed class JsonTreeReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = DocumentLimits.MaxDepth,
    };

    private readonly RepairContext _context;
    private readonly List<long> _lineStarts = [0];

    private JsonTreeReader(byte[] utf8, RepairContext context)
    {
        _context = context;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static JsonNode Read(string text, RepairContext context)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            var tree = new JsonTreeReader(utf8, context);
            if (!reader.Read())
            {
                throw context.ErrorAtLine(1, "the document is empty");
            }

            var root = tree.ReadValue(ref reader, string.Empty);
            if (reader.Read())
            {
                throw context.ErrorAtLine(tree.Line(reader.TokenStartIndex), "invalid JSON: more content after the document's end");
            }

            return root as JsonObject
                ?? throw context.ErrorAtLine(1, "the document is not a mapping; expected an OpenAPI object with 'openapi' or 'swagger', 'info' and 'paths'");
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new SpecLoadException(context.File, $"line {line}, column {column}", "invalid JSON: " + FirstSentence(ex.Message));
        }
    }

    private JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    _context.Map.Record(pointer, Line(reader.TokenStartIndex));
                    var obj = new JsonObject();
                    while (Advance(ref reader) != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString()!;
                        var line = Line(reader.TokenStartIndex);
                        var child = Pointers.Append(pointer, key);
                        _context.Map.Record(child, line);
                        Advance(ref reader);
                        DuplicateKeys.Set(obj, key, ReadValue(ref reader, child), pointer, line, _context);
                    }

                    return obj;
                }

            case JsonTokenType.StartArray:
                {
                    _context.Map.Record(pointer, Line(reader.TokenStartIndex));
                    var array = new JsonArray();
                    while (Advance(ref reader) != JsonTokenType.EndArray)
                    {
                        array.Add(ReadValue(ref reader, Pointers.Append(pointer, array.Count)));
                    }

                    return array;
                }

            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private JsonTokenType Advance(ref Utf8JsonReader reader)
    {
        // The reader throws JsonException for malformed input; running out means the text was cut short.
        if (!reader.Read())
        {
            throw _context.ErrorAtLine(Line(reader.BytesConsumed), "invalid JSON: the text ends before the document does");
        }

        return reader.TokenType;
    }

    private int Line(long byteOffset)
    {
        var index = _lineStarts.BinarySearch(byteOffset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string FirstSentence(string message)
    {
        var idx = message.IndexOf(" Path:", StringComparison.Ordinal);
        return idx > 0 ? message[..idx] : message;
    }
}
