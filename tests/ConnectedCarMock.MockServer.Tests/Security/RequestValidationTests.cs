using System.Net;
using System.Text;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>Malformed requests get 400 (or 405/413/415) with an xError naming what is wrong; tolerant where the API is.</summary>
public class RequestValidationTests
{
    private static async Task<(int Status, string Body, HttpResponseMessage Response)> Send(RunningMock mock, HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, "/api/connectedcar/v1" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var (status, _, body, response) = await mock.SendAsync(request);
        return (status, body, response);
    }

    private static string Vehicle(RunningMock mock) => mock.World.IdsOf(mock.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];

    [TestCase("orderBy=sideways", "orderBy")]
    [TestCase("pageSize=-1", "pageSize")]
    [TestCase("timestamps=", "timestamps")]
    public async Task An_invalid_query_value_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, body, _) = await Send(mock, HttpMethod.Get, $"/accounts/vehicles/{Vehicle(mock)}/alerts?{query}");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain($"'{parameter}'"));
    }

    [Test]
    public async Task Unknown_query_parameters_are_accepted()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, _, _) = await Send(mock, HttpMethod.Get, "/accounts/vehicles?utm_source=newsletter&x=1");

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public async Task Malformed_JSON_is_a_400_and_a_wrong_content_type_a_415()
    {
        await using var mock = await RunningMock.StartAsync();

        var malformed = await Send(mock, HttpMethod.Post, "/accounts/channels", "{\"channel\": ");
        var wrongType = await Send(mock, HttpMethod.Post, "/accounts/channels", "<channel/>", "application/xml");

        Assert.That(malformed.Status, Is.EqualTo(400));
        Assert.That(malformed.Body, Does.Contain("not valid JSON"));
        Assert.That(wrongType.Status, Is.EqualTo(415));
    }

    [Test]
    public async Task A_body_that_breaks_the_schema_is_a_400_naming_the_pointer()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, body, _) = await Send(mock, HttpMethod.Post, "/accounts/channels", """{"channel": {"pushnotif": 42}}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("/channel"));
    }

    [Test]
    public async Task Unknown_properties_in_a_request_body_are_accepted()
    {
        await using var mock = await RunningMock.StartAsync();
        var request = mock.RequestFor(mock.Document.GetOperation("postChannels"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject();
        json["clientExtension"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = true };

        var (status, body, _) = await Send(mock, HttpMethod.Post, "/accounts/channels", json.ToJsonString());

        Assert.That(status, Is.EqualTo(202), body);
    }

    [Test]
    public async Task A_method_the_path_does_not_have_is_a_405_with_Allow()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, _, response) = await Send(mock, HttpMethod.Delete, "/accounts/vehicles");

        Assert.That(status, Is.EqualTo(405));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET" }));
    }

    [Test]
    public async Task Unknown_paths_under_the_base_path_are_404_with_xError()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, body, response) = await Send(mock, HttpMethod.Get, "/accounts/garages");

        Assert.That(status, Is.EqualTo(404));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(Specs.Embedded.Validator.Validate(Specs.Embedded.Schemas["xError"], body).IsValid, Is.True);
    }

    [Test]
    public async Task A_huge_body_is_a_413()
    {
        await using var mock = await RunningMock.StartAsync();

        var (status, _, _) = await Send(mock, HttpMethod.Post, "/accounts/channels", "{\"x\":\"" + new string('a', 2 << 20) + "\"}");

        Assert.That(status, Is.EqualTo((int)HttpStatusCode.RequestEntityTooLarge));
    }
}
