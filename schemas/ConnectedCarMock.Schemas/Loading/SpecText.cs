using System.Text;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>Turns the bytes of a document into text; refuses what is empty or binary.</summary>
internal static class SpecText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes, RepairContext context)
    {
        if (bytes.Length == 0)
        {
            throw context.ErrorAtLine(1, "the file is empty");
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new SpecLoadException(context.File, $"byte {nul}", "binary content (NUL byte); expected an OpenAPI document in YAML or JSON");
        }

        var offset = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.Index >= 0 ? ex.Index + offset : 0;
            var line = 1 + bytes.AsSpan(0, Math.Min(bad, bytes.Length)).Count((byte)'\n');
            var latin1 = context.Rules.Find<Latin1Encoding>();
            if (latin1 is null)
            {
                throw context.ErrorAtLine(line, "the file is not valid UTF-8");
            }

            return latin1.Decode(bytes, offset, line, context)
                ?? throw context.ErrorAtLine(line, "binary content; expected an OpenAPI document in YAML or JSON");
        }
    }
}
