using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>A request matched to an operation, with its path parameter values (decoded).</summary>
internal sealed record RouteMatch(Operation Operation, ResourceAddress Address);

/// <summary>The outcome of routing: an operation, a path the document has without this method, or nothing.</summary>
internal sealed record RouteResult(RouteMatch? Match, IReadOnlyList<string> AllowedMethods)
{
    public bool IsMethodNotAllowed => Match is null && AllowedMethods.Count > 0;
}

/// <summary>
/// Matches requests to operations by path template. Templates with more literal segments win,
/// so <c>/telemetries/latest</c> is never read as <c>/telemetries/{id}</c>.
/// </summary>
internal sealed class Router
{
    private readonly string _basePath;
    private readonly List<(PathTemplate Template, Dictionary<string, Operation> ByMethod)> _routes;

    public Router(ApiDocument document)
    {
        _basePath = document.BasePath;
        _routes = document.Operations
            .GroupBy(o => o.Path, StringComparer.Ordinal)
            .Select(g => (new PathTemplate(g.Key), g.ToDictionary(o => o.Method, StringComparer.Ordinal)))
            .OrderByDescending(r => r.Item1.Segments.Count(s => !PathTemplate.IsParameter(s)))
            .ToList();
    }

    public string BasePath => _basePath;

    /// <summary>The path relative to the base path, or null when the request is outside it.</summary>
    public string? Relative(string path)
    {
        if (_basePath.Length == 0)
        {
            return path;
        }

        if (path.StartsWith(_basePath, StringComparison.Ordinal) && (path.Length == _basePath.Length || path[_basePath.Length] == '/'))
        {
            return path[_basePath.Length..];
        }

        return null;
    }

    public RouteResult Route(string method, string relativePath)
    {
        // One trailing slash is forgiven; an empty segment inside the path names nothing.
        var trimmed = relativePath.Length > 1 && relativePath.EndsWith('/') ? relativePath[..^1] : relativePath;
        var segments = trimmed.TrimStart('/').Length == 0 ? [] : trimmed.TrimStart('/').Split('/');
        string[]? decoded = null;
        List<string>? allowed = null;
        var allowedLiterals = -1;
        foreach (var (template, byMethod) in _routes)
        {
            if (template.Segments.Count != segments.Length)
            {
                continue;
            }

            // A path the document writes out (/paymentInstruments/reveal) with other methods is that path: 405, not
            // another operation's template that happens to match it (/paymentInstruments/{id}).
            var literals = template.Segments.Count(s => !PathTemplate.IsParameter(s));
            if (allowed is not null && literals < allowedLiterals)
            {
                break;
            }

            decoded ??= Decode(segments);
            if (decoded is null)
            {
                return new RouteResult(null, []);
            }

            var values = template.Match(decoded);
            if (values is null)
            {
                continue;
            }

            if (byMethod.TryGetValue(method, out var operation))
            {
                return new RouteResult(new RouteMatch(operation, new ResourceAddress(template, values)), []);
            }

            allowed ??= [];
            allowed.AddRange(byMethod.Keys.Where(m => !allowed.Contains(m)));
            allowedLiterals = literals;
        }

        return new RouteResult(null, allowed ?? []);
    }

    private static string[]? Decode(string[] segments)
    {
        var result = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            try
            {
                result[i] = Uri.UnescapeDataString(segments[i]);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (result[i] is "." or ".." || result[i].Contains('/', StringComparison.Ordinal) || result[i].Any(char.IsControl))
            {
                return null; // traversal or control characters never name a resource
            }
        }

        return result;
    }
}
