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

    public Authorizer(ApiDocument document, ConformanceOptions options)
    {
        _document = document;
        _options = options;
        _routes = document.Operations.Select(o => (Template: new PathTemplate(o.Path), Operation: o))
            .OrderByDescending(r => r.Template.Segments.Count(s => !PathTemplate.IsParameter(s)))
            .ToList();
    }

    public AccessPlan For(Operation operation) => _plans.GetOrAdd(operation, o => AccessPlan.For(_document, o, _options));

    /// <summary>Whether any operation the run checks is called with a token.</summary>
    public bool AnyToken => _document.Operations.Any(o => For(o).UsesToken);

    /// <param name="relativePath">The request's path under the target (for absolute URLs, as <see cref="Hal.Relative"/> maps them).</param>
    public ApiRequest Apply(ApiRequest request, string? relativePath)
    {
        if (request.Token is null)
        {
            return request;
        }

        var operation = relativePath is null ? null : Find(request.Method, relativePath);
        if (operation is null)
        {
            return request.Token == AccessPlan.NoToken ? request with { Token = null } : request;
        }

        var plan = For(operation);
        return request with
        {
            Token = plan.UsesToken && request.Token != AccessPlan.NoToken ? request.Token : null,
            Credentials = plan.Credentials,
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
