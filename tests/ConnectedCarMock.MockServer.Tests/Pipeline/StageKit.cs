using System.Text;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>What the stage tests share: our document, its world, a router, requests and contexts built without HTTP.</summary>
internal static class StageKit
{
    public const string Api = "/api/connectedcar/v1";

    public static ApiDocument Document => Specs.Embedded;

    public static FleetWorld Fleet { get; } = new(Specs.Embedded, new WorldOptions { Seed = MockServerOptions.DefaultSeed, Size = 5 });

    public static Router Routes { get; } = new(Specs.Embedded);

    public static TokenService Tokens { get; } = new(new SecurityOptions());

    public static string FirstVehicle => Fleet.IdsOf(Fleet.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

    public static MockRequest Request(string method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        var mark = path.IndexOf('?', StringComparison.Ordinal);
        var all = headers.ToDictionary(h => h.Name, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase);
        if (body is not null && !all.ContainsKey("Content-Type"))
        {
            all["Content-Type"] = ["application/json"];
        }

        return new MockRequest
        {
            Method = method,
            Path = mark < 0 ? path : path[..mark],
            RawQuery = mark < 0 ? string.Empty : path[(mark + 1)..],
            Headers = all,
            Body = body is null ? [] : Encoding.UTF8.GetBytes(body),
            BaseUrl = "http://localhost:8080",
        };
    }

    public static string Bearer(params string[] scopes) => "Bearer " + Tokens.Mint("stage-test", scopes);

    /// <summary>A context already routed (the route stage is the first one every other stage relies on).</summary>
    public static RequestContext Routed(MockRequest request, RuntimeSettings? settings = null, ResourceState? resources = null)
    {
        var context = new RequestContext(request, new StateSnapshot(settings ?? RuntimeSettings.Default, resources ?? ResourceState.Empty));
        var refusal = new RouteStage(Routes).Run(context);
        Assert.That(refusal, Is.Null, () => $"{request.Method} {request.Path} did not route: {refusal!.BodyText}");
        return context;
    }

    public static BoundedCache<TKey, TValue> Cache<TKey, TValue>(int capacity = 100)
        where TKey : notnull => new("test", capacity);

    /// <summary>An xError body: name, debug and message.</summary>
    public static void AssertError(MockResponse? response, int status, string? inMessage = null)
    {
        Assert.That(response, Is.Not.Null);
        Assert.That(response!.Status, Is.EqualTo(status), response.BodyText);
        Assert.That(response.ContentType, Is.EqualTo("application/json"));
        var body = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!.AsObject();
        Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "name", "debug", "message" }));
        if (inMessage is not null)
        {
            Assert.That(body["message"]!.GetValue<string>(), Does.Contain(inMessage));
        }
    }
}
