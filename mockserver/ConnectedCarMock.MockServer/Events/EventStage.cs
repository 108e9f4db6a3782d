using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// Webhooks in the request pipeline: before the resource stage, refuse malformed event headers
/// (nothing is created then); after it, raise what the request means for events (a created remote's
/// Pending and Done, a scenario firing a new monitor, a paused channel). Answers nothing itself.
/// </summary>
internal sealed class EventStage(EventHub events)
{
    /// <summary>Refuses malformed event headers; otherwise notes a create whose events its write will queue (<see cref="EventHub.Expect"/>).</summary>
    public MockResponse? Refuse(RequestContext context)
    {
        if (events.Refuse(context.Request) is { } refusal)
        {
            return refusal;
        }

        events.Expect(context);
        return null;
    }

    public async ValueTask<MockResponse?> RaiseAsync(RequestContext context)
    {
        await events.ObserveAsync(context.Operation, context.Route.Address, context.Request, context.RequestBody, context.Scenario, context.Resource.Status, context.Resource.Location);
        return null;
    }
}
