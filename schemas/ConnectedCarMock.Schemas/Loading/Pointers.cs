using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>RFC 6901 pointers over <see cref="JsonNode"/> trees, with URI-fragment decoding for <c>$ref</c>s.</summary>
internal static class Pointers
{
    public static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Tokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        return pointer[1..].Split('/')
            .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
    }

    /// <summary>The pointer of a local <c>$ref</c> (<c>#/a/b</c>), percent-decoded; null when the ref is not local.</summary>
    public static string? FromLocalRef(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        var fragment = reference[1..];
        return fragment.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(fragment) : fragment;
    }

    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static string ToRef(string pointer) => "#" + pointer;
}
