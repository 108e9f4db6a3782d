using System.Text;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// Turns the bytes of a document into text a YAML scanner accepts, recording every repair.
/// Real documents are not always UTF-8 and carry whitespace that breaks scanners.
/// </summary>
internal static class SpecText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes, string file, List<SpecDiagnostic> repairs)
    {
        if (bytes.Length == 0)
        {
            throw new SpecLoadException(file, "line 1", "the file is empty");
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new SpecLoadException(file, $"byte {nul}", "binary content (NUL byte); expected an OpenAPI document in YAML or JSON");
        }

        var offset = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            var text = Encoding.Latin1.GetString(bytes, offset, bytes.Length - offset);
            var bad = ex.Index >= 0 ? ex.Index + offset : 0;
            var line = 1 + bytes.AsSpan(0, Math.Min(bad, bytes.Length)).Count((byte)'\n');
            if (LooksBinary(text))
            {
                throw new SpecLoadException(file, $"line {line}", "binary content; expected an OpenAPI document in YAML or JSON");
            }

            repairs.Add(new SpecDiagnostic("encoding-latin1", $"line {line}", "the file is not valid UTF-8; read it as ISO-8859-1"));
            return text;
        }
    }

    /// <summary>Strips trailing whitespace and expands tabs used as indentation.</summary>
    public static string Normalize(string text, List<SpecDiagnostic> repairs)
    {
        var lines = text.Split('\n');
        var trailing = 0;
        var tabbed = 0;
        var firstTrailing = 0;
        var firstTab = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimEnd(' ', '\t', '\r', '\f', '\v');
            if (trimmed.Length != line.TrimEnd('\r').Length)
            {
                trailing++;
                firstTrailing = firstTrailing == 0 ? i + 1 : firstTrailing;
            }

            var indent = 0;
            while (indent < trimmed.Length && trimmed[indent] is ' ' or '\t')
            {
                indent++;
            }

            if (trimmed.AsSpan(0, indent).Contains('\t'))
            {
                // YAML forbids tabs in indentation; editors that wrote them meant a tab stop of 2.
                trimmed = trimmed[..indent].Replace("\t", "  ", StringComparison.Ordinal) + trimmed[indent..];
                tabbed++;
                firstTab = firstTab == 0 ? i + 1 : firstTab;
            }

            lines[i] = trimmed;
        }

        if (trailing > 0)
        {
            repairs.Add(new SpecDiagnostic("trailing-whitespace", $"line {firstTrailing}", $"removed trailing whitespace on {trailing} line(s)"));
        }

        if (tabbed > 0)
        {
            repairs.Add(new SpecDiagnostic("tab-indentation", $"line {firstTab}", $"replaced tab indentation on {tabbed} line(s)"));
        }

        return string.Join('\n', lines);
    }

    private static bool LooksBinary(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c < 0x20 && c is not '\n' and not '\r' and not '\t')
            {
                control++;
            }
        }

        return control > text.Length / 100;
    }
}
