using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// Reads YAML (or JSON) into a <see cref="JsonNode"/> tree with YamlDotNet, which copes with
/// plain scalars such as <c>[remote:preconditioning:write]</c> that trip other scanners.
/// Keeps line numbers per JSON pointer and the scalars marked by an inline <c>#Required</c> comment.
/// </summary>
internal sealed class YamlReader
{
    private readonly Parser _parser;
    private readonly string _file;
    private readonly SourceMap _map;
    private readonly List<SpecDiagnostic> _repairs;
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
    private ParsingEvent? _peeked;
    private string? _lastScalarPointer;
    private long _lastScalarLine;

    private YamlReader(string text, string file, SourceMap map, List<SpecDiagnostic> repairs)
    {
        _parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
        _file = file;
        _map = map;
        _repairs = repairs;
    }

    public static JsonNode Read(string text, string file, SourceMap map, List<SpecDiagnostic> repairs)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            return ReadJson(text, file);
        }

        var reader = new YamlReader(text, file, map, repairs);
        try
        {
            return reader.ReadDocument();
        }
        catch (YamlException ex)
        {
            throw new SpecLoadException(file, $"line {ex.Start.Line}, column {ex.Start.Column}", "invalid YAML: " + StripMark(ex.Message));
        }
    }

    private static JsonNode ReadJson(string text, string file)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })
                ?? throw new SpecLoadException(file, "line 1", "the document is JSON null");
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new SpecLoadException(file, $"line {line}, column {column}", "invalid JSON: " + FirstSentence(ex.Message));
        }
    }

    private JsonNode ReadDocument()
    {
        Consume<StreamStart>();
        if (Accept<StreamEnd>())
        {
            throw new SpecLoadException(_file, "line 1", "the document is empty");
        }

        Consume<DocumentStart>();
        var root = ReadNode(string.Empty);
        if (root is not JsonObject)
        {
            throw new SpecLoadException(_file, "line 1", "the document is not a mapping; expected an OpenAPI object with 'openapi' or 'swagger', 'info' and 'paths'");
        }

        return root;
    }

    private JsonNode? ReadNode(string pointer)
    {
        var evt = Next();
        switch (evt)
        {
            case Scalar scalar:
                Record(pointer, scalar);
                _lastScalarPointer = pointer;
                _lastScalarLine = scalar.End.Line;
                var value = ScalarValue(scalar);
                Anchor(scalar.Anchor, value);
                return value;
            case SequenceStart seq:
                {
                    Record(pointer, seq);
                    var array = new JsonArray();
                    while (!Accept<SequenceEnd>())
                    {
                        array.Add(ReadNode(Pointers.Append(pointer, array.Count)));
                    }

                    Next();
                    Anchor(seq.Anchor, array);
                    return array;
                }

            case MappingStart map:
                {
                    Record(pointer, map);
                    var obj = new JsonObject();
                    while (!Accept<MappingEnd>())
                    {
                        ReadEntry(pointer, obj);
                    }

                    Next();
                    Anchor(map.Anchor, obj);
                    return obj;
                }

            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new SpecLoadException(_file, $"line {alias.Start.Line}", $"alias *{alias.Value.Value} refers to no anchor");
                }

                return anchored?.DeepClone();
            default:
                throw new SpecLoadException(_file, $"line {evt.Start.Line}", $"unexpected YAML event {evt.GetType().Name}");
        }
    }

    private void ReadEntry(string pointer, JsonObject obj)
    {
        var keyEvent = Next();
        if (keyEvent is not Scalar keyScalar)
        {
            throw new SpecLoadException(_file, $"line {keyEvent.Start.Line}", "a mapping key is not a scalar; OpenAPI keys are strings");
        }

        var key = keyScalar.Value;
        var child = Pointers.Append(pointer, key);
        _map.Record(child, (int)keyScalar.Start.Line);
        var value = ReadNode(child);
        if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
        {
            Merge(obj, value);
            return;
        }

        if (obj.ContainsKey(key))
        {
            _repairs.Add(new SpecDiagnostic("duplicate-key", $"line {keyScalar.Start.Line}", $"duplicate key '{key}' in {(pointer.Length == 0 ? "/" : pointer)}; kept the last value"));
            obj.Remove(key);
        }

        obj[key] = value;
    }

    private static void Merge(JsonObject target, JsonNode? source)
    {
        var sources = source is JsonArray many ? many.OfType<JsonObject>() : source is JsonObject one ? [one] : [];
        foreach (var s in sources)
        {
            foreach (var (k, v) in s)
            {
                if (!target.ContainsKey(k))
                {
                    target[k] = v?.DeepClone();
                }
            }
        }
    }

    private ParsingEvent Next()
    {
        var evt = Peek();
        _peeked = null;
        return evt;
    }

    private bool Accept<T>()
        where T : ParsingEvent => Peek() is T;

    /// <summary>The next event that is not a comment; comments on the way are noted.</summary>
    private ParsingEvent Peek()
    {
        while (_peeked is null)
        {
            if (!_parser.MoveNext())
            {
                throw new SpecLoadException(_file, string.Empty, "unexpected end of the YAML stream");
            }

            if (_parser.Current is Comment comment)
            {
                NoteComment(comment);
            }
            else
            {
                _peeked = _parser.Current;
            }
        }

        return _peeked;
    }

    private void Consume<T>()
        where T : ParsingEvent
    {
        var evt = Next();
        if (evt is not T)
        {
            throw new SpecLoadException(_file, $"line {evt.Start.Line}", $"expected {typeof(T).Name} but found {evt.GetType().Name}");
        }
    }

    private void NoteComment(Comment comment)
    {
        if (comment.IsInline && _lastScalarPointer is not null && comment.Start.Line == _lastScalarLine
            && comment.Value.TrimStart().StartsWith("Required", StringComparison.OrdinalIgnoreCase))
        {
            _map.RequiredMarks.Add(_lastScalarPointer);
        }
    }

    private void Record(string pointer, ParsingEvent evt) => _map.Record(pointer, (int)evt.Start.Line);

    private void Anchor(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private static JsonValue? ScalarValue(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str"))
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN" => JsonValue.Create(text),
            _ => Number(text) ?? JsonValue.Create(text),
        };
    }

    private static JsonValue? Number(string text)
    {
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.'))
        {
            return null;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec) && IsYamlFloat(text))
        {
            return JsonValue.Create(dec);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && IsYamlFloat(text) && double.IsFinite(dbl))
        {
            return JsonValue.Create(dbl);
        }

        return null;
    }

    // YAML core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    private static bool IsYamlFloat(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exp = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exp++;
            }

            if (exp == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(idx + 3)..] : message;
    }

    private static string FirstSentence(string message)
    {
        var idx = message.IndexOf(" Path:", StringComparison.Ordinal);
        return idx > 0 ? message[..idx] : message;
    }
}
