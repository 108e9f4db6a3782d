using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Dsl.Tests.Dsl;

/// <summary>Matchers are written in the engine's integration JSON format, at any depth of a body.</summary>
public class MatchTests
{
    [Test]
    public void Each_matcher_is_written_with_its_pact_matcher_type_and_example()
    {
        var json = Json(new
        {
            like = Match.Type("AP"),
            regex = Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$"),
            integer = Match.Integer(212),
            level = Match.Decimal(64.0m),
            at = Match.DateTime("2024-05-14T08:20:25Z"),
            includes = Match.Include("Lyon"),
        });

        AssertJson(json["like"], """{"pact:matcher:type":"type","value":"AP"}""");
        AssertJson(json["regex"], """{"pact:matcher:type":"regex","regex":"^[A-HJ-NPR-Z0-9]{17}$","value":"VR3UKZKXZMJ512345"}""");
        AssertJson(json["integer"], """{"pact:matcher:type":"integer","value":212}""");
        AssertJson(json["level"], """{"pact:matcher:type":"decimal","value":64.0}""");
        Assert.That(json["level"]!["value"]!.ToJsonString(), Is.EqualTo("64.0"), "a decimal example keeps its fraction, or the engine would see an integer");
        AssertJson(json["at"], """{"pact:matcher:type":"datetime","format":"yyyy-MM-dd'T'HH:mm:ssXXX","value":"2024-05-14T08:20:25Z"}""");
        AssertJson(json["includes"], """{"pact:matcher:type":"include","value":"Lyon"}""");
    }

    [Test]
    public void Each_like_repeats_its_example_min_times_and_keeps_nested_matchers()
    {
        var json = Json(new { vehicles = Match.EachLike(new { vin = Match.Type("VR3UKZKXZMJ512345") }, min: 2) })["vehicles"]!;

        Assert.That((json["pact:matcher:type"]!.GetValue<string>(), json["min"]!.GetValue<int>()), Is.EqualTo(("type", 2)));
        Assert.That(json["value"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(json["value"]![0]!["vin"]!["pact:matcher:type"]!.GetValue<string>(), Is.EqualTo("type"));
    }

    [Test]
    public void A_regex_whose_own_example_does_not_match_is_refused_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => Match.Regex("VF3-not-a-vin", "^[A-HJ-NPR-Z0-9]{17}$"));

        Assert.That(error!.Message, Does.Contain("does not match its own regular expression"));
    }

    [Test]
    public void A_header_value_is_plain_text_unless_it_carries_a_matcher()
    {
        Assert.That(IntegrationJson.ParameterValue("application/hal+json"), Is.EqualTo("application/hal+json"));
        Assert.That(JsonNode.Parse(IntegrationJson.ParameterValue(Match.Regex("Bearer x", "^Bearer .+$")))!["pact:matcher:type"]!.GetValue<string>(), Is.EqualTo("regex"));
    }

    private static JsonNode Json(object body) => IntegrationJson.ToNode(body)!;

    private static void AssertJson(JsonNode? actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(actual, JsonNode.Parse(expected)), Is.True, $"{actual?.ToJsonString()} is not {expected}");
}
