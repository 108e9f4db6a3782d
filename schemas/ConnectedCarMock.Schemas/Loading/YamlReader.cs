using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading.Repairs;
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
    private readonly RepairContext _context;
    private readonly Dictionary<string, (JsonNode? Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private ParsingEvent? _peeked;
    private string? _lastScalarPointer;
    private long _lastScalarLine;
    private long _nodes;
    private int _depth;

    private YamlReader(string text, RepairContext context)
    {
        _parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
        _context = context;
    }

    private SourceMap Map => _context.Map;

    public static JsonNode Read(string text, RepairContext context)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            return JsonTreeReader.Read(text, context);
        }

        var reader = new YamlReader(text, context);
        try
        {
            return reader.ReadDocument();
        }
        catch (YamlException ex)
        {
            throw new SpecLoadException(context.File, $"line {ex.Start.Line}, column {ex.Start.Column}", "invalid YAML: " + StripMark(ex.Message));
        }
    }

    private JsonNode ReadDocument()
    {
        Consume<StreamStart>();
        if (Accept<StreamEnd>())
        {
            throw _context.ErrorAtLine(1, "the document is empty");
        }

        Consume<DocumentStart>();
        var root = ReadNode(string.Empty);
        if (root is not JsonObject)
        {
            throw _context.ErrorAtLine(1, "the document is not a mapping; expected an OpenAPI object with 'openapi' or 'swagger', 'info' and 'paths'");
        }

        return root;
    }

    private JsonNode? ReadNode(string pointer)
    {
        var evt = Next();
        var start = _nodes++;
        switch (evt)
        {
            case Scalar scalar:
                Record(pointer, scalar);
                _lastScalarPointer = pointer;
                _lastScalarLine = scalar.End.Line;
                var value = YamlScalars.Value(scalar);
                Anchor(scalar.Anchor, value, start);
                return value;
            case SequenceStart seq:
                {
                    Record(pointer, seq);
                    Enter(seq);
                    var array = new JsonArray();
                    while (!Accept<SequenceEnd>())
                    {
                        array.Add(ReadNode(Pointers.Append(pointer, array.Count)));
                    }

                    Next();
                    _depth--;
                    Anchor(seq.Anchor, array, start);
                    return array;
                }

            case MappingStart map:
                {
                    Record(pointer, map);
                    Enter(map);
                    var obj = new JsonObject();
                    while (!Accept<MappingEnd>())
                    {
                        ReadEntry(pointer, obj);
                    }

                    Next();
                    _depth--;
                    Anchor(map.Anchor, obj, start);
                    return obj;
                }

            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw _context.ErrorAtLine(alias.Start.Line, $"alias *{alias.Value.Value} refers to no anchor");
                }

                _nodes += anchored.Size;
                if (_nodes > DocumentLimits.MaxNodes)
                {
                    throw _context.ErrorAtLine(alias.Start.Line, $"aliases expand the document beyond {DocumentLimits.MaxNodes:N0} nodes");
                }

                return anchored.Node?.DeepClone();
            default:
                throw _context.ErrorAtLine(evt.Start.Line, $"unexpected YAML event {evt.GetType().Name}");
        }
    }

    private void Enter(ParsingEvent evt)
    {
        if (++_depth > DocumentLimits.MaxDepth)
        {
            throw _context.ErrorAtLine(evt.Start.Line, $"the document nests deeper than {DocumentLimits.MaxDepth} levels");
        }
    }

    private void ReadEntry(string pointer, JsonObject obj)
    {
        var keyEvent = Next();
        if (keyEvent is not Scalar keyScalar)
        {
            throw _context.ErrorAtLine(keyEvent.Start.Line, "a mapping key is not a scalar; OpenAPI keys are strings");
        }

        var key = keyScalar.Value;
        var child = Pointers.Append(pointer, key);
        Map.Record(child, (int)keyScalar.Start.Line);
        var value = ReadNode(child);
        if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
        {
            Merge(obj, value);
            return;
        }

        DuplicateKeys.Set(obj, key, value, pointer, keyScalar.Start.Line, _context);
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
            if (!MoveNext())
            {
                throw _context.ErrorAtLine(Math.Max(1, _lastScalarLine), "unexpected end of the YAML stream");
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

    private bool MoveNext()
    {
        try
        {
            return _parser.MoveNext();
        }
        catch (Exception ex) when (ex is not YamlException)
        {
            // YamlDotNet's scanner has states it cannot leave on some broken inputs; that is still broken YAML.
            throw _context.ErrorAtLine(Math.Max(1, _parser.Current?.End.Line ?? _lastScalarLine), "invalid YAML: the YAML scanner stopped here (" + ex.Message + ")");
        }
    }

    private void Consume<T>()
        where T : ParsingEvent
    {
        var evt = Next();
        if (evt is not T)
        {
            throw _context.ErrorAtLine(evt.Start.Line, $"expected {typeof(T).Name} but found {evt.GetType().Name}");
        }
    }

    private void NoteComment(Comment comment)
    {
        if (comment.IsInline && _lastScalarPointer is not null && comment.Start.Line == _lastScalarLine
            && comment.Value.TrimStart().StartsWith("Required", StringComparison.OrdinalIgnoreCase))
        {
            Map.RequiredMarks.Add(_lastScalarPointer);
        }
    }

    private void Record(string pointer, ParsingEvent evt) => Map.Record(pointer, (int)evt.Start.Line);

    private void Anchor(AnchorName anchor, JsonNode? node, long start)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, _nodes - start);
        }
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(idx + 3)..] : message;
    }
}
