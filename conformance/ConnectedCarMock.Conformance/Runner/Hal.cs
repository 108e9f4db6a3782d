using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>A HAL link found in a body: its relation, target and where it sits.</summary>
internal sealed record HalLink(string Relation, string Href, string Pointer, bool Templated);

/// <summary>A link's target matched to a readable operation of the document.</summary>
internal sealed record LinkTarget(Operation Operation, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> QueryNames);

/// <summary>
/// Reading HAL bodies: every link at any depth, the items of a list (root array, an array under
/// <c>_embedded</c>, or the first array property), and which operation a link points at.
/// </summary>
internal sealed class Hal
{
    private readonly string _target;
    private readonly List<(PathTemplate Template, Operation Operation)> _readable;
    private readonly List<PathTemplate> _templates;

    public Hal(ApiDocument document, string target)
    {
        _target = target;
        _templates = document.Operations.Select(o => new PathTemplate(o.Path)).DistinctBy(t => t.Template).ToList();
        // More literal segments first, so that /telemetries/latest is not read as /telemetries/{id}.
        _readable = document.Operations.Where(o => o.Method == "GET")
            .Select(o => (Template: new PathTemplate(o.Path), Operation: o))
            .OrderByDescending(r => r.Template.Segments.Count(s => !PathTemplate.IsParameter(s)))
            .ToList();
    }

    public static IEnumerable<HalLink> Links(JsonNode? node, string pointer = "")
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                var at = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                if (name == "_links" && value is JsonObject links)
                {
                    foreach (var link in LinksIn(links, at))
                    {
                        yield return link;
                    }
                }
                else
                {
                    foreach (var link in Links(value, at))
                    {
                        yield return link;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var link in Links(array[i], $"{pointer}/{i}"))
                {
                    yield return link;
                }
            }
        }
    }

    private static IEnumerable<HalLink> LinksIn(JsonObject links, string pointer)
    {
        foreach (var (relation, value) in links)
        {
            var at = pointer + "/" + relation;
            var objects = value switch
            {
                JsonObject single => [(single, at)],
                JsonArray many => many.Select((l, i) => (l as JsonObject, $"{at}/{i}")).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.Item2)).ToList(),
                _ => [],
            };
            foreach (var (link, linkPointer) in objects)
            {
                if (link["href"] is JsonValue href && href.TryGetValue<string>(out var text))
                {
                    var templated = link["templated"] is JsonValue t && t.TryGetValue<bool>(out var isTemplated) && isTemplated;
                    yield return new HalLink(relation, text, linkPointer, templated);
                }
            }
        }
    }

    /// <summary>
    /// Every link target in a body, for discovery: HAL <c>_links</c>, links outside HAL (bitbucket's <c>links.self.href</c>),
    /// and strings named <c>href</c>, <c>self</c> or <c>url</c>; an item's own first, then deeper ones.
    /// </summary>
    public static IEnumerable<string> Hrefs(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(Hrefs);
        }

        if (node is not JsonObject obj)
        {
            return [];
        }

        var own = obj.Where(p => p.Key is "_links" or "links").Select(p => p.Value).OfType<JsonObject>()
            .SelectMany(links => LinksIn(links, string.Empty).Select(l => l.Href))
            .Concat(obj.Where(p => p.Key is "href" or "self" or "url").Select(p => p.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty))
            .Where(h => h.Length > 0);
        return own.Concat(obj.Where(p => p.Key is not "_links" and not "links").SelectMany(p => Hrefs(p.Value)));
    }

    /// <summary>The items of a list body, with their pointer; null when the body holds no array.</summary>
    public static (JsonArray Items, string Pointer)? Items(JsonNode? body)
    {
        if (body is JsonArray root)
        {
            return (root, string.Empty);
        }

        if (body is not JsonObject obj)
        {
            return null;
        }

        if (obj["_embedded"] is JsonObject embedded && embedded.FirstOrDefault(p => p.Value is JsonArray) is { Value: JsonArray inner } found)
        {
            return (inner, "/_embedded/" + found.Key);
        }

        return obj.FirstOrDefault(p => p.Key != "_links" && p.Value is JsonArray) is { Value: JsonArray top } property ? (top, "/" + property.Key) : null;
    }

    /// <summary>The href of an object's <c>_links.self</c>, or of <c>links.self</c> outside HAL.</summary>
    public static string? Self(JsonNode? item) =>
        Href(item, "self") ?? (At(item, "links", "self", "href") is JsonValue href && href.TryGetValue<string>(out var text) ? text : null);

    /// <summary>The href of a relation in an object's <c>_links</c>.</summary>
    public static string? Href(JsonNode? item, string relation) =>
        At(item, "_links", relation, "href") is JsonValue href && href.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A descendant by property names; null wherever something on the way is not an object (never throws).</summary>
    public static JsonNode? At(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node;
    }

    /// <summary>
    /// The part of a URL under the target (path and query), or null when it names nothing of the document. Links
    /// of an implementation behind a gateway carry its own host and base path, not the target's: such a link is
    /// read by its path, from the first segment where the rest is a path of the document.
    /// </summary>
    public string? Relative(string href)
    {
        if (href.StartsWith(_target, StringComparison.Ordinal))
        {
            var rest = href[_target.Length..];
            return rest.Length == 0 || rest[0] is '/' or '?' ? rest : null;
        }

        if (href.StartsWith('/') && Uri.TryCreate(_target, UriKind.Absolute, out var target) && href.StartsWith(target.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            return href[target.AbsolutePath.TrimEnd('/').Length..];
        }

        return ByDocumentPath(href);
    }

    private string? ByDocumentPath(string href)
    {
        string pathAndQuery;
        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            pathAndQuery = absolute.PathAndQuery;
        }
        else if (href.StartsWith('/'))
        {
            pathAndQuery = href;
        }
        else
        {
            return null;
        }

        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? pathAndQuery : pathAndQuery[..mark];
        var query = mark < 0 ? string.Empty : pathAndQuery[mark..];
        var raw = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = raw.Select(Uri.UnescapeDataString).ToList();
        for (var start = 0; start < segments.Count; start++)
        {
            var rest = segments.Skip(start).ToList();
            if (_templates.Any(t => t.Match(rest) is not null))
            {
                return "/" + string.Join('/', raw.Skip(start)) + query;
            }
        }

        return null;
    }

    /// <summary>The readable operation a link points at, with its path values and the query names it carries.</summary>
    public LinkTarget? Resolve(string href)
    {
        if (Relative(href) is not { } relative)
        {
            return null;
        }

        var query = relative.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? relative : relative[..query];
        var names = query < 0 ? new HashSet<string>(StringComparer.Ordinal)
            : relative[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])).ToHashSet(StringComparer.Ordinal);
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        foreach (var (template, operation) in _readable)
        {
            if (template.Match(segments) is { } values)
            {
                return new LinkTarget(operation, values, names);
            }
        }

        return null;
    }

    /// <summary>An href as an absolute URL: absolute ones as written (escapes kept), relative ones against the target.</summary>
    public static string Absolute(string target, string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? href
            : new Uri(new Uri(target.TrimEnd('/') + "/"), href).AbsoluteUri;

    /// <summary>
    /// The URL to request for a link: through the target, where the link names a path of the document (behind a
    /// gateway, the implementation's own host in its links is not what the run calls); as written otherwise.
    /// </summary>
    public string Through(string href) =>
        Relative(href) is { } relative ? _target + relative : Absolute(_target, href);
}
