using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas;

/// <summary>
/// A node written as UTF-8 into its thread's buffer and read in place for one evaluation: no text copy, and no
/// buffer grown anew for every check of a generated body. Disposed before the thread's next one.
/// </summary>
internal readonly struct PooledInstance : IDisposable
{
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer;
    private readonly JsonDocument _document;

    public PooledInstance(JsonNode? node)
    {
        _buffer = t_buffer ?? new System.Buffers.ArrayBufferWriter<byte>(4096);
        t_buffer = null; // an evaluation inside an evaluation (none today) gets its own
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        _document = JsonDocument.Parse(_buffer.WrittenMemory);
    }

    public JsonElement Root => _document.RootElement;

    public void Dispose()
    {
        _document.Dispose();
        _buffer.ResetWrittenCount();
        if (_buffer.Capacity <= 1 << 20)
        {
            t_buffer = _buffer;
        }
    }
}
