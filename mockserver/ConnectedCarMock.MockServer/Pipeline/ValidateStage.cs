using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Validate request: parameters (400), the body (400, 413, 415) and the mock's own control headers
/// (<c>X-Mock-Scenario</c>, <c>X-Mock-Variation</c>: 400 when they name nothing valid). Leaves the parsed
/// body, the scenario and the variation on the context.
/// </summary>
internal sealed class ValidateStage(
    ParameterReader parameters,
    RequestBodyReader bodies,
    IReadOnlyDictionary<string, Scenario> scenarios,
    BoundedCache<string, (VariationSettings? Settings, string? Error)> variationHeaders) : IStage
{
    public MockResponse? Run(RequestContext context)
    {
        var (operation, request) = (context.Operation, context.Request);
        if (parameters.Validate(operation, request, context.Route.Address.Values) is { } invalid)
        {
            return invalid;
        }

        var (body, bodyError) = bodies.Read(operation, request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        context.RequestBody = body;
        var scenarioName = request.Header(RequestPipeline.ScenarioHeader) ?? context.Settings.DefaultScenario;
        if (scenarioName is not null)
        {
            if (!scenarios.TryGetValue(scenarioName, out var scenario))
            {
                return ErrorBodies.BadRequest($"{RequestPipeline.ScenarioHeader} '{ParameterReader.Printable(scenarioName)}' is not a scenario; known: {string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal))}");
            }

            context.Scenario = scenario;
        }

        var variation = context.Settings.Variation;
        if (request.Header(RequestPipeline.VariationHeader) is { } asked)
        {
            (variation, var error) = variationHeaders.GetOrAdd(asked, VariationSettings.Parse);
            if (variation is null)
            {
                return ErrorBodies.BadRequest($"{RequestPipeline.VariationHeader}: {error}");
            }
        }

        context.Variation = variation is { IsOff: false } ? variation : null;
        return null;
    }
}
