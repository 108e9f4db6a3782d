using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Validation;

/// <summary>
/// Resolves the references of a standalone schema the way JSON Schema does, by base URI: every
/// <c>$id</c> starts a resource (relative ids resolve against the enclosing resource), <c>$anchor</c>
/// (and <c>$dynamicAnchor</c>) name a subschema in its resource, and each <c>$ref</c> (and
/// <c>$dynamicRef</c>, resolved statically) is resolved against the base URI in effect where it
/// stands, its own object's <c>$id</c> included. References that land inside the schema are rewritten
/// as local JSON pointers under the schema's place in its document, so the rest of the library (which reads
/// local pointers only) follows them; the identifiers are then dropped. A reference to a document
/// outside the schema (an official meta-schema) is left as it is.
/// </summary>
internal static class BaseUris
{
    private const string DefaultBase = "https://standalone.invalid/schema.json";

    // Keywords whose values are data, not schemas: nothing inside them is an identifier or a reference.
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "enum", "const", "default", "examples", "example" };

    /// <param name="rootPointer">The JSON pointer at which the schema will stand (e.g. <c>/components/schemas/schema</c>).</param>
    public static void Resolve(JsonNode? schema, string rootPointer)
    {
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        var anchors = new Dictionary<string, string>(StringComparer.Ordinal);
        var references = new List<(JsonObject Owner, string Keyword, string Base)>();
        Index(schema, rootPointer, DefaultBase, resources, anchors, references);
        resources.TryAdd(DefaultBase, rootPointer);
        foreach (var (owner, keyword, @base) in references)
        {
            var reference = owner[keyword]!.GetValue<string>();
            owner.Remove(keyword);
            owner["$ref"] = Target(reference, @base, resources, anchors) is { } pointer ? "#" + EscapeFragment(pointer) : reference;
        }

        Strip(schema);
    }

    private static void Index(JsonNode? node, string pointer, string @base, Dictionary<string, string> resources,
        Dictionary<string, string> anchors, List<(JsonObject, string, string)> references)
    {
        switch (node)
        {
            case JsonObject obj:
                if (Text(obj, "$id") is { } id && Combine(@base, id) is { } resource)
                {
                    @base = WithoutFragment(resource);
                    resources.TryAdd(@base, pointer);
                }

                foreach (var keyword in new[] { "$anchor", "$dynamicAnchor" })
                {
                    if (Text(obj, keyword) is { } anchor)
                    {
                        anchors.TryAdd(@base + "#" + anchor, pointer);
                    }
                }

                foreach (var keyword in new[] { "$ref", "$dynamicRef" })
                {
                    if (Text(obj, keyword) is not null)
                    {
                        references.Add((obj, keyword, @base));
                    }
                }

                foreach (var (key, value) in obj)
                {
                    if (!DataKeywords.Contains(key))
                    {
                        Index(value, Loading.Pointers.Append(pointer, key), @base, resources, anchors, references);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Index(array[i], Loading.Pointers.Append(pointer, i), @base, resources, anchors, references);
                }

                break;
        }
    }

    /// <summary>The JSON pointer a reference lands on inside the schema; null when it points elsewhere.</summary>
    private static string? Target(string reference, string @base, Dictionary<string, string> resources, Dictionary<string, string> anchors)
    {
        if (Combine(@base, reference) is not { } absolute)
        {
            return null;
        }

        var hash = absolute.IndexOf('#', StringComparison.Ordinal);
        var uri = hash < 0 ? absolute : absolute[..hash];
        var fragment = hash < 0 ? string.Empty : Uri.UnescapeDataString(absolute[(hash + 1)..]);
        if (fragment.Length == 0 || fragment.StartsWith('/'))
        {
            return resources.TryGetValue(uri, out var resource) ? resource + fragment : null;
        }

        return anchors.GetValueOrDefault(uri + "#" + fragment);
    }

    /// <summary>A reference resolved against a base URI (URNs and <c>file:</c> URIs included); null when it cannot be.</summary>
    private static string? Combine(string @base, string reference)
    {
        if (reference.StartsWith('#'))
        {
            return WithoutFragment(@base) + reference;
        }

        // A reference with a scheme of its own is absolute ("/a/b" is a path here, not a file name).
        if (HasScheme(reference) && Uri.TryCreate(reference, UriKind.Absolute, out var absolute))
        {
            return Canonical(absolute, reference);
        }

        return Uri.TryCreate(@base, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, reference, out var combined)
            ? Canonical(combined, reference)
            : null;
    }

    private static bool HasScheme(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(reference[0]) && reference[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    // Hierarchical URIs compare in their normal form; URNs as written (Uri would not keep their r- and q-components apart).
    private static string Canonical(Uri uri, string written) =>
        uri.IsAbsoluteUri && uri.Scheme is "http" or "https" or "file" ? uri.AbsoluteUri : written;

    private static string WithoutFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    private static string? Text(JsonObject obj, string keyword) =>
        obj[keyword] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The identifiers have done their work (and the dialect is the caller's): left in, the validator would register them as resources of its own.
    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var keyword in new[] { "$id", "$anchor", "$dynamicAnchor", "$schema" })
                {
                    if (obj[keyword] is JsonValue)
                    {
                        obj.Remove(keyword);
                    }
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (!DataKeywords.Contains(key))
                    {
                        Strip(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item);
                }

                break;
        }
    }

    // A JSON pointer as a URI fragment: what a fragment cannot hold is percent-encoded ('/' and '$' read better as they are).
    private static string EscapeFragment(string pointer) =>
        Uri.EscapeDataString(pointer).Replace("%2F", "/", StringComparison.Ordinal).Replace("%24", "$", StringComparison.Ordinal);
}
