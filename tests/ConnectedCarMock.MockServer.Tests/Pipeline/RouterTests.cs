using ConnectedCarMock.MockServer.Pipeline;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The route stage and its router, without HTTP: which operation a method and path name.</summary>
public class RouterTests
{
    [TestCase("GET", "/accounts/vehicles", "getVehicles")]
    [TestCase("GET", "/accounts/vehicles/", "getVehicles")]
    [TestCase("GET", "/accounts/vehicles/abc", "getVehicleByid")]
    [TestCase("GET", "/accounts/vehicles/abc/telemetries/latest", "getVehicleLastTelemetries")]
    [TestCase("GET", "/accounts/vehicles/abc/telemetries", "getVehicleTelemetry")]
    [TestCase("POST", "/accounts/channels", "postChannels")]
    [TestCase("DELETE", "/accounts/channels/c1", "deleteChannelsById")]
    [TestCase("GET", "/accounts/vehicles/a%20b", "getVehicleByid")]
    public void A_path_routes_to_its_operation(string method, string path, string operationId)
    {
        var route = Routes.Route(method, path);

        Assert.That(route.Match?.Operation.Id, Is.EqualTo(operationId));
    }

    [Test]
    public void Literal_segments_win_over_parameters_and_values_are_decoded()
    {
        var latest = Routes.Route("GET", "/accounts/vehicles/v%2F1/telemetries/latest");
        var decoded = Routes.Route("GET", "/accounts/vehicles/a%20b");

        Assert.That(latest.Match, Is.Null, "an encoded slash in an id names nothing");
        Assert.That(decoded.Match!.Address.Values["id"], Is.EqualTo("a b"));
    }

    [TestCase("/accounts/vehicles/..")]
    [TestCase("/accounts/vehicles/%2e%2e")]
    [TestCase("/accounts/vehicles/a%01b")]
    [TestCase("/accounts//vehicles")]
    [TestCase("/ACCOUNTS/VEHICLES")]
    [TestCase("/accounts/vehicles/%ZZ/trips/x/y/z")]
    public void Traversal_control_characters_and_unknown_paths_name_nothing(string path)
    {
        var route = Routes.Route("GET", path);

        Assert.That(route.Match, Is.Null);
        Assert.That(route.IsMethodNotAllowed, Is.False);
    }

    [Test]
    public void A_method_the_path_lacks_is_405_with_the_methods_it_has()
    {
        var route = Routes.Route("DELETE", "/accounts/vehicles");

        Assert.That(route.IsMethodNotAllowed, Is.True);
        Assert.That(route.AllowedMethods, Is.EquivalentTo(new[] { "GET" }));
    }

    [TestCase("/api/connectedcar/v1/accounts/vehicles", "/accounts/vehicles")]
    [TestCase("/api/connectedcar/v1", "")]
    [TestCase("/api/connectedcar/v10/accounts", null)]
    [TestCase("/elsewhere", null)]
    public void Paths_are_relative_to_the_base_path(string path, string? relative)
    {
        Assert.That(Routes.Relative(path), Is.EqualTo(relative));
    }

    [Test]
    public void The_route_stage_answers_404_and_405_in_the_error_model()
    {
        var stage = new RouteStage(Routes);
        var outside = stage.Run(new RequestContext(Request("GET", "/nowhere"), null!));
        var unknown = stage.Run(new RequestContext(Request("GET", Api + "/accounts/nothing"), null!));
        var notAllowed = stage.Run(new RequestContext(Request("PATCH", Api + "/accounts/vehicles"), null!));
        var context = new RequestContext(Request("GET", Api + "/accounts/vehicles"), null!);

        AssertError(outside, 404, "the API is under /api/connectedcar/v1");
        AssertError(unknown, 404);
        AssertError(notAllowed, 405);
        Assert.That(notAllowed!.Headers, Has.Member(new KeyValuePair<string, string>("Allow", "GET")));
        Assert.That(stage.Run(context), Is.Null);
        Assert.That(context.Operation.Id, Is.EqualTo("getVehicles"));
    }
}
