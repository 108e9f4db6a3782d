using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// Resolve resource/state: the request against the seeded world and what clients changed (the
/// snapshot the request read): 404 for ids that name nothing, paging errors, and creates, updates and
/// deletes written through the state store.
/// </summary>
internal sealed class ResourceStage(ResourceHandler resources) : IAsyncStage
{
    public async ValueTask<MockResponse?> RunAsync(RequestContext context)
    {
        var result = await resources.HandleAsync(context.Route, context.Request, context.RequestBody, context.Scenario, context.State.Resources);
        if (result.Error is { } error)
        {
            return error;
        }

        context.Resource = result;
        return null;
    }
}
