using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.Security;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// One API request through the mock: route → authenticate → fault → validate request → resolve
/// resource/state → render → filter by scope → vary → write. Each stage is its own small type, handed
/// in by the composition root (<see cref="Hosting.MockComposition"/>); this class only runs them in order
/// and stops at the first that answers. docs/architecture.md says which stage owns what.
/// </summary>
internal sealed class RequestPipeline(
    RouteStage route,
    Authenticator authenticate,
    FaultStage fault,
    ValidateStage validate,
    EventStage events,
    ResourceStage resource,
    RenderStage render,
    ScopeFilter filter,
    VariationStage vary,
    WriteStage write,
    ErrorModel errors)
{
    /// <summary>Selects a scenario for one request, over the server's <c>--scenario</c>.</summary>
    public const string ScenarioHeader = "X-Mock-Scenario";

    /// <summary>Asks for a fault on one request: <c>status=503</c>, <c>delay=250ms</c>, <c>reset</c>.</summary>
    public const string FaultHeader = "X-Mock-Fault";

    /// <summary>Says which fault was injected; the journal keeps it with the response.</summary>
    public const string FaultAppliedHeader = "X-Mock-Fault-Applied";

    /// <summary>Asks for a tolerant-reader variation of one answer: <c>missing=0.5; extra=0.5; seed=1234</c> or <c>sweep=N</c>.</summary>
    public const string VariationHeader = "X-Mock-Variation";

    /// <summary>What the variation did: <c>seed=1234; removed=7; added=4</c>.</summary>
    public const string VariationAppliedHeader = "X-Mock-Variation-Applied";

    /// <summary>The exact JSON pointers removed and added; the journal keeps them with the response.</summary>
    public const string VariationPointersHeader = "X-Mock-Variation-Pointers";

    /// <summary>In sweep mode, how many single-field variants the answer has.</summary>
    public const string VariationVariantsHeader = "X-Mock-Variation-Variants";

    /// <summary>Says which seed generated the answer, so it can be replayed.</summary>
    public const string SeedHeader = "X-Mock-Seed";

    /// <summary>The error <c>name</c> of an answer whose schema admits no value (with 500: the document, not the request, is at fault).</summary>
    public const string SchemaAdmitsNoValue = "SCHEMA_ADMITS_NO_VALUE";

    /// <summary>Runs the stages; an error any of them answers is written in the document's error model.</summary>
    public async ValueTask<MockResponse> RunAsync(RequestContext context)
    {
        // The stages run first: the route stage is what names the operation whose error model applies.
        MockResponse response;
        try
        {
            response = await RunStagesAsync(context);
        }
        catch (SchemaAdmitsNoValueException ex)
        {
            // Bodies are rendered when a resource is resolved and when an answer is first made: wherever the
            // generator gives up, the client learns which schema and why, never gets an invalid body.
            response = ErrorBodies.Create(500, SchemaAdmitsNoValue, $"the document's schema at {ex.Pointer} admits no value: {ex.Reason}");
        }

        return errors.Shape(context.Routed ? context.Operation : null, response);
    }

    private async ValueTask<MockResponse> RunStagesAsync(RequestContext context) =>
        route.Run(context)
        ?? await authenticate.RunAsync(context)
        ?? await fault.RunAsync(context)
        ?? validate.Run(context)
        ?? events.Refuse(context)
        ?? await resource.RunAsync(context)
        ?? await events.RaiseAsync(context)
        ?? render.Run(context)
        ?? filter.Run(context)
        ?? vary.Run(context)
        ?? write.Write(context);
}
