namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>Route: which operation a request is for; 404 outside the API or for unknown paths, 405 with <c>Allow</c>.</summary>
internal sealed class RouteStage(Router router) : IStage
{
    public MockResponse? Run(RequestContext context)
    {
        var request = context.Request;
        var relative = router.Relative(request.Path);
        if (relative is null)
        {
            return ErrorBodies.NotFound($"no operation at {ParameterReader.Printable(request.Path)}; the API is under {router.BasePath}");
        }

        var route = router.Route(request.Method, relative);
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
}
