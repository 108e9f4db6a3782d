using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// Webhooks in the request pipeline: before the resource stage, refuse malformed event headers
/// (nothing is created then); after it, raise what the request means for events (a created remote's
/// Pending and Done, a scenario firing a new monitor, a paused channel). Answers nothing itself.
/// </summary>
internal sealed class EventStage(EventHub events)
{
    public MockResponse? Refuse(RequestContext context) => events.Refuse(context.Request);

    public async ValueTask<MockResponse?> RaiseAsync(RequestContext context)
    {
        await events.ObserveAsync(context.Operation, context.Route.Address, context.Request, context.RequestBody, context.Scenario, context.Resource.Status, context.Resource.Location);
        return null;
    }
}
