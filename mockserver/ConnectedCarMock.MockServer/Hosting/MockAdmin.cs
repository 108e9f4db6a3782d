using System.Text;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Resources;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The mock's own endpoints beside WireMock's <c>/__admin</c>: <c>/health</c>, and under <c>/__mock</c>
/// reset, faults, variation and provider states. Run-time settings change by swapping the snapshot in
/// the state store; requests already running keep the one they read.
/// </summary>
internal sealed class MockAdmin(IStateStore store, ProviderStateHandler states, EventEndpoints events, MessageProviderEndpoint messages)
{
    private static readonly byte[] HealthBody = "{\"status\":\"ok\"}"u8.ToArray();

    /// <summary>The answer of an admin endpoint; null when the request is for none of them.</summary>
    public async ValueTask<MockResponse?> HandleAsync(MockRequest request)
    {
        switch (request.Method, request.Path)
        {
            case ("GET", ConnectedCarMockServer.HealthPath):
                return new MockResponse(200) { ContentType = ErrorBodies.ContentType, Body = HealthBody };
            case ("POST", ConnectedCarMockServer.ResetPath):
                await ResetAsync();
                return new MockResponse(204);
            case ("POST", ConnectedCarMockServer.FaultsPath):
                var (plan, faultError) = FaultPlan.Parse(Text(request));
                if (plan is null)
                {
                    return ErrorBodies.BadRequest($"fault plan: {faultError}");
                }

                await store.UpdateSettingsAsync(settings => settings with { Faults = plan });
                return new MockResponse(204);
            case ("DELETE", ConnectedCarMockServer.FaultsPath):
                await store.UpdateSettingsAsync(settings => settings with { Faults = null });
                return new MockResponse(204);
            case ("POST", ConnectedCarMockServer.VariationPath):
                var (variation, variationError) = VariationSettings.Parse(Text(request));
                if (variation is null)
                {
                    return ErrorBodies.BadRequest($"variation: {variationError}");
                }

                await store.UpdateSettingsAsync(settings => settings with { Variation = variation.IsOff ? null : variation });
                return new MockResponse(204);
            case ("DELETE", ConnectedCarMockServer.VariationPath):
                await store.UpdateSettingsAsync(settings => settings with { Variation = null });
                return new MockResponse(204);
            case ("POST", ConnectedCarMockServer.StatesPath):
                return await states.HandleAsync(request.Body);
            case ("POST", MessageProviderEndpoint.Path):
                return await messages.HandleAsync(request); // the mock as a Pact message provider
            default:
                return await events.HandleAsync(request); // webhooks: /__mock/deliveries, /__mock/monitors/{id}/trigger
        }
    }

    /// <summary>Forgets what clients created, changed and deleted, and every provider state's effects.</summary>
    public async ValueTask ResetAsync()
    {
        await states.ClearAsync();
        events.Hub.Reset(); // webhooks: queued events and the delivery journal
    }

    private static string Text(MockRequest request) => Encoding.UTF8.GetString(request.Body);
}

/// <summary>Every endpoint a request can reach outside WireMock's <c>/__admin</c>: the admin endpoints, then the API.</summary>
internal sealed class MockEndpoints(MockAdmin admin, MockApi api)
{
    public MockAdmin Admin => admin;

    public MockApi Api => api;

    public async ValueTask<MockResponse> AnswerAsync(MockRequest request)
    {
        try
        {
            return (IsAdmin(request.Path) ? await admin.HandleAsync(request) : null) ?? await api.HandleAsync(request);
        }
        catch (StoreUnavailableException ex)
        {
            return api.StoreUnavailable(request, ex);
        }
    }

    private static bool IsAdmin(string path) =>
        path.StartsWith("/__mock/", StringComparison.Ordinal) || path == ConnectedCarMockServer.HealthPath;
}
