using ConnectedCarMock.MockServer.Caching;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Route: which operation a request is for; 404 outside the API or for unknown paths, 405 with <c>Allow</c>.
/// A route is worked out once per (method, path): clients repeat their paths, and a match is immutable.
/// </summary>
internal sealed class RouteStage(Router router, BoundedCache<(string Method, string Path), RouteResult?>? routes = null) : IStage
{
    public MockResponse? Run(RequestContext context)
    {
        var request = context.Request;
        var route = routes is null ? Route(router, request.Method, request.Path) : routes.GetOrAdd((request.Method, request.Path), static (key, r) => Route(r, key.Method, key.Path), router);
        if (route is null)
        {
            return ErrorBodies.NotFound($"no operation at {ParameterReader.Printable(request.Path)}; the API is under {router.BasePath}");
        }

        if (route.IsMethodNotAllowed)
        {
            var allowed = string.Join(", ", route.AllowedMethods);
            return ErrorBodies.Create(405, "METHOD_NOT_ALLOWED", $"{ParameterReader.Printable(request.Method)} is not allowed here; use {allowed}")
                .WithHeader("Allow", allowed);
        }

        if (route.Match is not { } match)
        {
            return ErrorBodies.NotFound($"no operation at {ParameterReader.Printable(request.Path)}");
        }

        context.Route = match;
        return null;
    }

    /// <summary>The route of a path, or null when the path is outside the API's base path.</summary>
    private static RouteResult? Route(Router router, string method, string path) =>
        router.Relative(path) is { } relative ? router.Route(method, relative) : null;
}
