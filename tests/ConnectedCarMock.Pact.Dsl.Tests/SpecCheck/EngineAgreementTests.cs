using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

/// <summary>
/// The spec check rejects what verification would then fail: regexes applied to the whole value, min/max
/// against the example and the document, formats, and rules on headers (issue 16, items 5 and 8).
/// </summary>
public class EngineAgreementTests
{
    private const string VehiclePath = "/api/connectedcar/v1/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35";

    [Test]
    public void A_regex_that_only_matches_part_of_a_documented_value_is_rejected()
    {
        var rules = PactText.BodyRules(("$.motorization", new JsonObject { ["match"] = "regex", ["regex"] = "Elec|Hyb|Ther|Hydro" }));

        var mismatch = PactSpecChecker.Check(PactText.Get(VehiclePath, 200, new { motorization = "Elec" }, rules: rules), Specs.Embedded);

        Assert.That(mismatch.Select(m => (m.Kind, m.Pointer)), Has.Member((PactMismatchKind.IncompatibleMatcher, "/response/body/motorization")), string.Join(Environment.NewLine, mismatch));
        Assert.That(mismatch.Single(m => m.Kind == PactMismatchKind.IncompatibleMatcher).Reason, Does.Contain("Electric").And.Contain("Hybrid"));
    }

    [Test]
    public void The_DSL_refuses_a_regex_whose_example_only_partly_matches() =>
        Assert.Throws<ArgumentException>(() => Match.Regex("Hybrid", "Elec|Hyb|Ther|Hydro"));

    [Test]
    public void A_max_below_the_examples_own_array_is_rejected()
    {
        var body = new { _embedded = new { vehicles = Enumerable.Range(0, 5).Select(_ => new { vin = "VR3UKZKXZMJ512345" }).ToArray() } };
        var rules = PactText.BodyRules(("$._embedded.vehicles", new JsonObject { ["match"] = "type", ["max"] = 1 }));

        var mismatch = PactSpecChecker.Check(PactText.Get("/api/connectedcar/v1/accounts/vehicles", 200, body, rules: rules), Specs.Embedded).Single();

        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((PactMismatchKind.IncompatibleMatcher, "/response/body/_embedded/vehicles")));
        Assert.That(mismatch.Reason, Does.Contain("at most 1"));
    }

    [Test]
    public void A_semver_matcher_on_a_vin_is_rejected()
    {
        var rules = PactText.BodyRules(("$.vin", new JsonObject { ["match"] = "semver" }));

        var mismatch = PactSpecChecker.Check(PactText.Get(VehiclePath, 200, new { vin = "VR3UKZKXZMJ512345" }, rules: rules), Specs.Embedded).Single();

        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((PactMismatchKind.IncompatibleMatcher, "/response/body/vin")));
        Assert.That(mismatch.Reason, Does.Contain("not a semantic version"));
    }

    [Test]
    public void A_date_matcher_on_a_documented_date_time_is_rejected()
    {
        var rules = PactText.BodyRules(("$.createdAt", new JsonObject { ["match"] = "date", ["format"] = "yyyy-MM-dd" }));

        var mismatches = PactSpecChecker.Check(PactText.Get(VehiclePath + "/telemetries/latest", 200, new { createdAt = "2024-05-14" }, rules: rules), Specs.Embedded);

        Assert.That(mismatches.Select(m => m.Kind), Has.Member(PactMismatchKind.IncompatibleMatcher), string.Join(Environment.NewLine, mismatches));
        Assert.That(mismatches.First(m => m.Kind == PactMismatchKind.IncompatibleMatcher).Reason, Does.Contain("date-time"));
    }

    [Test]
    public void A_header_rule_the_documented_media_type_fails_is_rejected()
    {
        var interaction = PactText.Interaction("GET", VehiclePath, 200, new { vin = "VR3UKZKXZMJ512345" });
        interaction["response"]!["matchingRules"] = new JsonObject
        {
            ["header"] = new JsonObject { ["Content-Type"] = new JsonObject { ["combine"] = "AND", ["matchers"] = new JsonArray(new JsonObject { ["match"] = "regex", ["regex"] = "application/json" }) } },
        };

        var mismatches = PactSpecChecker.Check(PactText.Of(interaction), Specs.Embedded);

        Assert.That(mismatches.Select(m => (m.Kind, m.Pointer)), Has.Member((PactMismatchKind.IncompatibleMatcher, "/response/headers/Content-Type")), string.Join(Environment.NewLine, mismatches));
    }

    [Test]
    public void A_request_header_rule_that_rejects_its_own_example_is_rejected()
    {
        var interaction = PactText.Interaction("GET", VehiclePath, 200, null);
        interaction["request"]!["headers"] = new JsonObject { ["Authorization"] = new JsonArray("Token abc") };
        interaction["request"]!["matchingRules"] = new JsonObject
        {
            ["header"] = new JsonObject { ["Authorization"] = new JsonObject { ["combine"] = "AND", ["matchers"] = new JsonArray(new JsonObject { ["match"] = "regex", ["regex"] = "Bearer \\S+" }) } },
        };

        var mismatch = PactSpecChecker.Check(PactText.Of(interaction), Specs.Embedded).Single();

        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((PactMismatchKind.IncompatibleMatcher, "/request/headers/Authorization")));
    }
}
