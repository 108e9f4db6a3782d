using ConnectedCarMock.MockServer.Caching;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Fault: the <c>X-Mock-Fault</c> header (parsed here and nowhere else, once per distinct value) or the
/// server's plan drawn at random: a delay, an error status with an xError body and
/// <c>X-Mock-Fault-Applied</c>, or a dropped connection (<see cref="MockResponse.Abort"/>).
/// </summary>
internal sealed class FaultStage(BoundedCache<string, (FaultPlan? Plan, string? Error)> parsed, Func<double>? draw = null) : IAsyncStage
{
    private readonly Func<double> _draw = draw ?? Random.Shared.NextDouble;

    public async ValueTask<MockResponse?> RunAsync(RequestContext context)
    {
        FaultPlan? plan;
        if (context.Request.Header(RequestPipeline.FaultHeader) is { } asked)
        {
            (plan, var error) = parsed.GetOrAdd(asked, FaultPlan.Parse);
            if (plan is null)
            {
                return ErrorBodies.BadRequest($"{RequestPipeline.FaultHeader}: {error}");
            }
        }
        else
        {
            plan = context.Settings.Faults is { } global && _draw() < global.Probability ? global : null;
        }

        if (plan is null)
        {
            return null;
        }

        if (plan.Reset)
        {
            return MockResponse.Reset();
        }

        if (plan.Delay is { } delay)
        {
            await Task.Delay(delay);
        }

        if (plan.Status is not { } status)
        {
            return null; // a delay alone: the request goes on normally
        }

        var name = status switch
        {
            500 => "INTERNAL_ERROR",
            501 => "NOT_IMPLEMENTED",
            502 => "BAD_GATEWAY",
            503 => "SERVICE_UNAVAILABLE",
            504 => "GATEWAY_TIMEOUT",
            429 => "TOO_MANY_REQUESTS",
            _ => "INJECTED_FAULT",
        };
        var documented = context.Operation.ResponseFor(status) is not null ? "documented" : "undocumented";
        return ErrorBodies.Create(status, name, $"fault injected on request ({documented} status for {context.Operation.Id})")
            .WithHeader(RequestPipeline.FaultAppliedHeader, plan.ToString());
    }
}
