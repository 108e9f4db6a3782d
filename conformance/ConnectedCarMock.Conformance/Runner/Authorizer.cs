using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// Puts on every authenticated request the credentials its operation takes (<see cref="AccessPlan"/>): the bearer
/// token where a token is due, HTTP Basic and API keys where those are. A request without a token is anonymous
/// and stays so: checks of missing credentials send nothing at all.
/// </summary>
internal sealed class Authorizer
{
    private readonly ApiDocument _document;
    private readonly ConformanceOptions _options;
    private readonly List<(PathTemplate Template, Operation Operation)> _routes;
    private readonly ConcurrentDictionary<Operation, AccessPlan> _plans = new();
    private readonly RequiredHeaders _headers;

    public Authorizer(ApiDocument document, ConformanceOptions options)
    {
        _document = document;
        _options = options;
        _headers = new RequiredHeaders(document, options);
        _routes = document.Operations.Select(o => (Template: new PathTemplate(o.Path), Operation: o))
            .OrderByDescending(r => r.Template.Segments.Count(s => !PathTemplate.IsParameter(s)))
            .ToList();
    }

    public AccessPlan For(Operation operation) => _plans.GetOrAdd(operation, o => AccessPlan.For(_document, o, _options));

    /// <summary>Whether any operation the run checks is called with a token.</summary>
    public bool AnyToken => _document.Operations.Any(o => For(o).UsesToken);

    /// <summary>
    /// The request as its operation wants it: the header and cookie parameters it requires, and on an authenticated
    /// request (one with a token) the credentials of its plan.
    /// </summary>
    /// <param name="relativePath">The request's path under the target (for absolute URLs, as <see cref="Hal.Relative"/> maps them).</param>
    public ApiRequest Apply(ApiRequest request, string? relativePath)
    {
        var operation = relativePath is null ? null : Find(request.Method, relativePath);
        var (headers, cookies) = operation is null ? ([], []) : _headers.For(operation);
        if (request.Body is null && operation is not null && request.Method == operation.Method && _headers.OtherBody(operation) is var (body, type))
        {
            request = request with { Body = body, ContentType = type };
        }

        if (request.Token is null || operation is null)
        {
            var anonymous = request.Token == AccessPlan.NoToken ? request with { Token = null } : request;
            return headers.Count + cookies.Count == 0 ? anonymous : anonymous with { Credentials = new StaticCredentials(headers, [], cookies) };
        }

        var plan = For(operation);
        return request with
        {
            Token = plan.UsesToken && request.Token != AccessPlan.NoToken ? request.Token : null,
            Credentials = new StaticCredentials([.. plan.Credentials.Headers, .. headers], plan.Credentials.Query, [.. plan.Credentials.Cookies, .. cookies]),
        };
    }

    private Operation? Find(string method, string relativePath)
    {
        var path = relativePath.Split('?')[0];
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        Operation? samePath = null;
        foreach (var (template, operation) in _routes)
        {
            if (template.Match(segments) is null)
            {
                continue;
            }

            if (operation.Method == method)
            {
                return operation;
            }

            samePath ??= operation;
        }

        return samePath;
    }
}
