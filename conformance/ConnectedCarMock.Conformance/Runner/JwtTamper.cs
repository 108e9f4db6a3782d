using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// Bad tokens made from a good one. The runner does not know the server's key, so it cannot sign:
/// a forged token keeps the claims and breaks the signature; an expired one rewrites <c>exp</c>
/// (which breaks the signature too: the server must refuse it either way); an unsigned one says
/// <c>alg: none</c>. Opaque (non-JWT) tokens can only be forged.
/// </summary>
internal static class JwtTamper
{
    public static bool IsJwt(string token) => token.Split('.') is { Length: 3 } parts && Decode(parts[1]) is JsonObject;

    /// <summary>The same token with one character of its signature changed.</summary>
    public static string Forged(string token)
    {
        var dot = token.LastIndexOf('.');
        var signatureStart = dot >= 0 && dot < token.Length - 1 ? dot + 1 : token.Length / 2;
        var chars = token.ToCharArray();
        // Not the last character: its low bits may be padding, and changing them would change nothing.
        var at = Math.Min(signatureStart + 4, chars.Length - 2);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>The token with <c>exp</c> (and <c>iat</c>, <c>nbf</c>) moved two hours into the past; null for opaque tokens.</summary>
    public static string? Expired(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[1]) is not JsonObject payload)
        {
            return null;
        }

        var past = now.AddHours(-2).ToUnixTimeSeconds();
        payload["exp"] = past;
        if (payload.ContainsKey("iat"))
        {
            payload["iat"] = past - 600;
        }

        if (payload.ContainsKey("nbf"))
        {
            payload["nbf"] = past - 600;
        }

        return $"{parts[0]}.{Encode(payload.ToJsonString())}.{parts[2]}";
    }

    /// <summary>The token's claims under <c>alg: none</c>, without a signature; null for opaque tokens.</summary>
    public static string? Unsigned(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not JsonObject header || Decode(parts[1]) is null)
        {
            return null;
        }

        header["alg"] = "none";
        return $"{Encode(header.ToJsonString())}.{parts[1]}.";
    }

    private static JsonNode? Decode(string part)
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(part));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
