namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>A stage of the pipeline: does its one job on the context, or answers and stops the request.</summary>
internal interface IStage
{
    /// <returns>The answer when this stage ends the request (an error, a fault); null to go on.</returns>
    MockResponse? Run(RequestContext context);
}

/// <summary>A stage that may wait (token validation, a delay, the state store).</summary>
internal interface IAsyncStage
{
    /// <returns>The answer when this stage ends the request; null to go on.</returns>
    ValueTask<MockResponse?> RunAsync(RequestContext context);
}
