using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The API and its authorization server: reads the state snapshot once, runs the pipeline (through the
/// test-only interceptor when one is set), logs errors with their debug ids, and turns anything thrown
/// into a 500 with an xError body, so nothing reaches the server.
/// </summary>
internal sealed class MockApi
{
    private readonly RequestPipeline _pipeline;
    private readonly OAuthEndpoints _oauth;
    private readonly IStateStore _store;
    private readonly Func<MockRequest, Func<MockRequest, Task<MockResponse>>, Task<MockResponse>>? _interceptor;
    private readonly Func<MockRequest, Task<MockResponse>> _core;
    private readonly Action<string>? _log;

    public MockApi(RequestPipeline pipeline, OAuthEndpoints oauth, IStateStore store, Func<MockRequest, Func<MockRequest, Task<MockResponse>>, Task<MockResponse>>? interceptor, Action<string>? log)
    {
        _pipeline = pipeline;
        _oauth = oauth;
        _store = store;
        _interceptor = interceptor;
        _log = log;
        _core = request => CoreAsync(request).AsTask();
    }

    public async ValueTask<MockResponse> HandleAsync(MockRequest request)
    {
        try
        {
            var response = _interceptor is { } intercept ? await intercept(request, _core) : await CoreAsync(request);
            if (_log is not null && response.Note("error") is { } error)
            {
                _log($"{request.Method} {ParameterReader.Printable(request.Path)}: {response.Status} {error}");
            }

            return response;
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(request, ex);
        }
        catch (Exception ex)
        {
            var response = ErrorBodies.Create(500, "INTERNAL_ERROR", "the mock could not answer this request");
            _log?.Invoke($"{request.Method} {ParameterReader.Printable(request.Path)}: 500 {response.Note("error")} {ex}");
            return response;
        }
    }

    /// <summary>503 with the error body and a <c>Retry-After</c>: the shared state store is unreachable, the mock is not broken.</summary>
    public MockResponse StoreUnavailable(MockRequest request, StoreUnavailableException ex)
    {
        _log?.Invoke($"{request.Method} {ParameterReader.Printable(request.Path)}: 503 {ex.Message}");
        return ErrorBodies.Create(503, "SERVICE_UNAVAILABLE", "the mock's state store is unreachable; retry shortly").WithHeader("Retry-After", "1");
    }

    private async ValueTask<MockResponse> CoreAsync(MockRequest request)
    {
        if (await _oauth.HandleAsync(request) is { } oauth)
        {
            return oauth;
        }

        var state = await _store.ReadForAsync(request.Method, request.Path);
        if (state.Settings.States.Phase == StatePhase.SetUp)
        {
            // The request of a Pact interaction: the next provider-state set-up starts clean. One write per
            // interaction, none while no states are in use.
            await _store.UpdateSettingsAsync(settings => settings.States.Phase == StatePhase.SetUp
                ? settings with { States = settings.States with { Phase = StatePhase.Served } }
                : settings);
        }

        return await _pipeline.RunAsync(new RequestContext(request, state));
    }
}
