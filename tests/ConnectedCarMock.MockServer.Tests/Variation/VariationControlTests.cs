using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Variation;

public class VariationControlTests
{
    private static HttpRequestMessage Vehicle(RunningMock mock, string? variation = null)
    {
        var request = mock.RequestFor(mock.Document.GetOperation("getVehicleByid"));
        if (variation is not null)
        {
            request.Headers.Add(RequestPipeline.VariationHeader, variation);
        }

        return request;
    }

    [Test]
    public async Task Variation_is_off_by_default()
    {
        await using var mock = await RunningMock.StartAsync();

        var (_, _, _, response) = await mock.SendAsync(Vehicle(mock));

        Assert.That(response.Headers.Contains(RequestPipeline.VariationAppliedHeader), Is.False);
    }

    [Test]
    public async Task The_reported_seed_reproduces_the_body_byte_for_byte_across_restarts()
    {
        string first;
        string seed;
        await using (var mock = await RunningMock.StartAsync())
        {
            var (_, _, body, response) = await mock.SendAsync(Vehicle(mock, "missing=0.4; extra=0.4"));
            first = body.Replace(mock.Server.BaseUrl, "{base}", StringComparison.Ordinal);
            seed = response.Headers.GetValues(RequestPipeline.VariationAppliedHeader).Single().Split(';')[0].Split('=')[1];
        }

        await using var restarted = await RunningMock.StartAsync();
        var (_, _, again, _) = await restarted.SendAsync(Vehicle(restarted, $"missing=0.4; extra=0.4; seed={seed}"));

        Assert.That(again.Replace(restarted.Server.BaseUrl, "{base}", StringComparison.Ordinal), Is.EqualTo(first));
    }

    [Test]
    public async Task A_global_profile_applies_to_every_request_and_a_header_overrides_it()
    {
        await using var mock = await RunningMock.StartAsync();
        var set = await mock.Http.PostAsync(ConnectedCarMockServer.VariationPath, new StringContent("heavy", Encoding.UTF8));
        var global = await mock.SendAsync(Vehicle(mock));
        var overridden = await mock.SendAsync(Vehicle(mock, "off"));
        await mock.Http.DeleteAsync(ConnectedCarMockServer.VariationPath);
        var after = await mock.SendAsync(Vehicle(mock));

        Assert.That((int)set.StatusCode, Is.EqualTo(204));
        Assert.That(global.Response.Headers.Contains(RequestPipeline.VariationAppliedHeader), Is.True);
        Assert.That(overridden.Response.Headers.Contains(RequestPipeline.VariationAppliedHeader), Is.False);
        Assert.That(after.Response.Headers.Contains(RequestPipeline.VariationAppliedHeader), Is.False);
    }

    [Test]
    public async Task The_journal_records_the_exact_pointers()
    {
        await using var mock = await RunningMock.StartAsync();
        var (_, _, _, response) = await mock.SendAsync(Vehicle(mock, "missing=0.5; extra=0.5; seed=7"));
        var pointers = response.Headers.GetValues(RequestPipeline.VariationPointersHeader).Single();

        var journal = await mock.Http.GetStringAsync("/__admin/requests");

        Assert.That(pointers, Does.Contain("removed=/").Or.Contain("added=/"));
        Assert.That(journal, Does.Contain(pointers.Replace("\"", "\\\"", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Unknown_enum_values_are_opt_in_and_reported()
    {
        await using var mock = await RunningMock.StartAsync();
        var plain = JsonNode.Parse((await mock.SendAsync(Vehicle(mock))).Body)!;

        var (_, _, body, response) = await mock.SendAsync(Vehicle(mock, "enum=1; seed=3"));
        var varied = JsonNode.Parse(body)!;
        var enums = VariationTests.Part(response.Headers.GetValues(RequestPipeline.VariationPointersHeader).Single(), "enum");

        Assert.That(enums, Is.Not.Empty);
        foreach (var pointer in enums)
        {
            var before = VariationTests.At(plain, pointer)!.GetValue<string>();
            var after = VariationTests.At(varied, pointer)!.GetValue<string>();
            Assert.That(after, Is.Not.EqualTo(before));
        }

        Assert.That(mock.Document.Validator.Validate(mock.Document.GetOperation("getVehicleByid").SuccessResponses.First().Content[0].Schema!, body).Errors.Select(e => e.Keyword), Has.All.EqualTo("enum"));
    }

    [TestCase("missing=2")]
    [TestCase("extra=lots")]
    [TestCase("chaos")]
    public async Task Invalid_variation_settings_are_a_400(string settings)
    {
        await using var mock = await RunningMock.StartAsync();

        Assert.That((await mock.SendAsync(Vehicle(mock, settings))).Status, Is.EqualTo(400));
    }

    [Test]
    public void Settings_parse_profiles_and_lists()
    {
        Assert.That(VariationSettings.Parse("missing=0.3,extra=0.2").Settings, Is.EqualTo(new VariationSettings { Missing = 0.3, Extra = 0.2 }));
        Assert.That(VariationSettings.Parse("light").Settings, Is.EqualTo(VariationSettings.Light));
        Assert.That(VariationSettings.Parse("heavy; seed=9").Settings, Is.EqualTo(VariationSettings.Heavy with { Seed = 9 }));
        Assert.That(VariationSettings.Parse("sweep=4").Settings!.Sweep, Is.EqualTo(4));
    }
}
