using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using static ConnectedCarMock.MockServer.Tests.Pipeline.StageKit;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>The validate stage alone: parameters, bodies, and the mock's own control headers.</summary>
public class ValidateStageTests
{
    private static readonly ValidateStage Stage = new(
        new ParameterReader(Document),
        new RequestBodyReader(Document),
        ScenarioCatalog.Load(null),
        Cache<string, (VariationSettings?, string?)>());

    [TestCase("pageSize=0")]
    [TestCase("pageSize=abc")]
    [TestCase("pageSize=3.5")]
    [TestCase("pageSize=99999999999999999999")]
    public void An_invalid_query_value_is_a_400_naming_the_parameter(string query)
    {
        AssertError(Stage.Run(Routed(Request("GET", $"{Api}/accounts/vehicles?{query}"))), 400, "pageSize");
    }

    [Test]
    public void Valid_input_leaves_the_parsed_body_on_the_context()
    {
        var schema = Document.GetOperation("postChannels").RequestBody!.Content[0].Schema!;
        var body = new PayloadGenerator(Document, new GeneratorOptions { ForRequest = true }).Generate(schema, 7)!.ToJsonString();
        var context = Routed(Request("POST", Api + "/accounts/channels", body));

        var refusal = Stage.Run(context);

        Assert.That(refusal, Is.Null, refusal?.BodyText);
        Assert.That(context.RequestBody!.ToJsonString(), Is.EqualTo(body));
    }

    [TestCase("{", 400, "not valid JSON")]
    [TestCase("[]", 400, "invalid at /")]
    public void A_broken_body_is_a_400(string body, int status, string reason)
    {
        AssertError(Stage.Run(Routed(Request("POST", Api + "/accounts/channels", body))), status, reason);
    }

    [TestCase("text/plain")]
    [TestCase("application/json; charset=utf-16")]
    public void A_body_in_another_media_type_or_charset_is_a_415(string contentType)
    {
        AssertError(Stage.Run(Routed(Request("POST", Api + "/accounts/channels", "{}", ("Content-Type", contentType)))), 415);
    }

    [Test]
    public void The_scenario_comes_from_the_header_else_the_snapshot_and_an_unknown_one_is_a_400()
    {
        var asked = Routed(Request("GET", Api + "/accounts/vehicles", headers: (RequestPipeline.ScenarioHeader, "stolen-vehicle")));
        var fromSettings = Routed(Request("GET", Api + "/accounts/vehicles"), RuntimeSettings.Default with { Scenario = "low-battery" });
        var fromStates = Routed(Request("GET", Api + "/accounts/vehicles"), RuntimeSettings.Default with { Scenario = "low-battery", States = StateEffects.None with { Scenario = "stolen-vehicle" } });
        var unknown = Routed(Request("GET", Api + "/accounts/vehicles", headers: (RequestPipeline.ScenarioHeader, "../../etc/passwd")));

        Assert.That(Stage.Run(asked), Is.Null);
        Assert.That(Stage.Run(fromSettings), Is.Null);
        Assert.That(Stage.Run(fromStates), Is.Null);
        Assert.That(asked.Scenario!.Name, Is.EqualTo("stolen-vehicle"));
        Assert.That(fromSettings.Scenario!.Name, Is.EqualTo("low-battery"));
        Assert.That(fromStates.Scenario!.Name, Is.EqualTo("stolen-vehicle"));
        AssertError(Stage.Run(unknown), 400, "is not a scenario");
    }

    [Test]
    public void The_variation_comes_from_the_header_else_the_snapshot_and_off_means_none()
    {
        var asked = Routed(Request("GET", Api + "/accounts/vehicles", headers: (RequestPipeline.VariationHeader, "missing=0.5; seed=3")));
        var global = Routed(Request("GET", Api + "/accounts/vehicles"), RuntimeSettings.Default with { Variation = VariationSettings.Parse("light").Settings });
        var off = Routed(Request("GET", Api + "/accounts/vehicles", headers: (RequestPipeline.VariationHeader, "off")), RuntimeSettings.Default with { Variation = VariationSettings.Parse("light").Settings });
        var invalid = Routed(Request("GET", Api + "/accounts/vehicles", headers: (RequestPipeline.VariationHeader, "missing=2")));

        Assert.That(Stage.Run(asked), Is.Null);
        Assert.That(Stage.Run(global), Is.Null);
        Assert.That(Stage.Run(off), Is.Null);
        Assert.That(asked.Variation!.Seed, Is.EqualTo(3));
        Assert.That(global.Variation, Is.Not.Null);
        Assert.That(off.Variation, Is.Null);
        AssertError(Stage.Run(invalid), 400, RequestPipeline.VariationHeader);
    }
}
