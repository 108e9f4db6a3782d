using System.Text;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>Sibling documents are not all UTF-8 (one has a Latin-1 byte): text that is not UTF-8 is read as ISO-8859-1.</summary>
internal sealed class Latin1Encoding : RepairRule
{
    public override string Code => "encoding-latin1";

    public override string Summary => "a file that is not valid UTF-8 (and not binary) is read as ISO-8859-1";

    /// <summary>The text, or null when the bytes look binary rather than like text in another encoding.</summary>
    public string? Decode(byte[] bytes, int offset, int line, RepairContext context)
    {
        var text = Encoding.Latin1.GetString(bytes, offset, bytes.Length - offset);
        if (LooksBinary(text))
        {
            return null;
        }

        context.Report(Code, $"line {line}", "the file is not valid UTF-8; read it as ISO-8859-1");
        return text;
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
