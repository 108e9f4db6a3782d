using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

/// <summary>The rules of the pact-against-specification check, one at a time.</summary>
public class PactSpecCheckerTests
{
    private const string VehiclePath = "/api/connectedcar/v1/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35";

    private const string NumberedThings = """
        openapi: 3.0.3
        info: { title: Numbered things, version: '1' }
        servers: [{ url: 'https://things.example.com/v2' }]
        paths:
          /things/{n}:
            get:
              parameters:
                - { name: n, in: path, required: true, schema: { type: integer, minimum: 1 } }
              responses:
                '200': { description: ok }
        """;

    [Test]
    public void A_response_example_may_leave_out_required_properties_the_consumer_does_not_read()
    {
        var mismatches = PactSpecChecker.Check(PactText.Get(VehiclePath, 200, new { vin = "VR3UKZKXZMJ512345" }), Specs.Embedded);

        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
    }

    [Test]
    public void Paths_are_accepted_with_or_without_the_base_path()
    {
        var body = new { vin = "VR3UKZKXZMJ512345" };
        var pact = PactText.Of(
            PactText.Interaction("GET", VehiclePath, 200, body),
            PactText.Interaction("GET", "/accounts/vehicles/e5a1c9d27b3f4a60b8d2f1e07c4a9b35", 200, body));

        Assert.That(PactSpecChecker.Check(pact, Specs.Embedded), Is.Empty);
    }

    [Test]
    public void An_error_status_the_operation_does_not_list_is_documented_by_its_default_response()
    {
        var error = new { name = "UNAVAILABLE", message = "Try again later.", debug = "ERROR_1" };

        Assert.That(PactSpecChecker.Check(PactText.Get(VehiclePath, 503, error, "application/json"), Specs.Embedded), Is.Empty);
    }

    [Test]
    public void A_path_parameter_is_validated_as_the_type_its_schema_declares()
    {
        var document = SpecLoader.Parse(NumberedThings);

        var text = PactSpecChecker.Check(PactText.Get("/v2/things/abc", 200, null), document).Single();
        var zero = PactSpecChecker.Check(PactText.Get("/v2/things/0", 200, null), document).Single();

        Assert.That((text.Kind, zero.Kind), Is.EqualTo((PactMismatchKind.InvalidPathParameter, PactMismatchKind.InvalidPathParameter)));
        Assert.That(zero.Reason, Does.Contain("path parameter 'n' = '0'"));
        Assert.That(PactSpecChecker.Check(PactText.Get("/v2/things/42", 200, null), document), Is.Empty);
    }

    [Test]
    public void A_regular_expression_that_rejects_a_documented_enum_value_is_an_incompatible_matcher()
    {
        var rules = PactText.BodyRules(("$.motorization", new JsonObject { ["match"] = "regex", ["regex"] = "^(Electric|Hybrid)$" }));

        var mismatch = PactSpecChecker.Check(PactText.Get(VehiclePath, 200, new { motorization = "Electric" }, rules: rules), Specs.Embedded).Single();

        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((PactMismatchKind.IncompatibleMatcher, "/response/body/motorization")));
        Assert.That(mismatch.Reason, Does.Contain("Thermic, Hydrogen"));
    }

    [Test]
    public void An_integer_matcher_on_a_number_is_an_incompatible_matcher()
    {
        var path = VehiclePath + "/telemetries/latest";
        var body = new { vehicle = new { odometer = new { mileage = 18375 } } };
        var rules = PactText.BodyRules(("$.vehicle.odometer.mileage", new JsonObject { ["match"] = "integer" }));

        var mismatch = PactSpecChecker.Check(PactText.Get(path, 200, body, rules: rules), Specs.Embedded).Single();

        Assert.That(mismatch.Pointer, Is.EqualTo("/response/body/vehicle/odometer/mileage"));
        Assert.That(mismatch.Reason, Does.Contain("fractions"));
    }

    [Test]
    public void Matchers_on_array_items_are_checked_against_the_item_schema()
    {
        var body = new { _embedded = new { vehicles = new[] { new { fuelType = "E" } } } };
        var rules = PactText.BodyRules(("$._embedded.vehicles[*].fuelType", new JsonObject { ["match"] = "integer" }));

        var mismatch = PactSpecChecker.Check(PactText.Get("/api/connectedcar/v1/accounts/vehicles", 200, body, rules: rules), Specs.Embedded).Single();

        Assert.That((mismatch.Kind, mismatch.Pointer), Is.EqualTo((PactMismatchKind.IncompatibleMatcher, "/response/body/_embedded/vehicles/0/fuelType")));
    }

    [Test]
    public void Every_wrong_interaction_of_a_pact_is_reported_with_its_description()
    {
        var pact = PactText.Of(
            PactText.Interaction("GET", "/api/connectedcar/v1/accounts/cars", 200, null),
            PactText.Interaction("GET", VehiclePath, 200, new { vin = "VR3UKZKXZMJ512345" }),
            PactText.Interaction("DELETE", VehiclePath, 204, null));

        var mismatches = PactSpecChecker.Check(pact, Specs.Embedded);

        Assert.That(mismatches.Select(m => (m.Interaction, m.Kind)), Is.EqualTo(new[]
        {
            ("GET /api/connectedcar/v1/accounts/cars", PactMismatchKind.UnknownPath),
            ($"DELETE {VehiclePath}", PactMismatchKind.MethodNotAllowed),
        }));
    }

    [Test]
    public void The_scopes_a_pact_needs_are_those_of_the_operations_it_calls()
    {
        var pact = PactText.Of(
            PactText.Interaction("GET", VehiclePath, 200, null),
            PactText.Interaction("DELETE", "/accounts/channels/4d7e2a90", 204, null),
            PactText.Interaction("GET", "/accounts/cars", 200, null));

        Assert.That(PactSpecChecker.ScopesFor(pact, Specs.Embedded), Is.EqualTo(new[] { "channel:write", "data:vehicle", "data:vehicle:devices:pnc" }));
    }

    [Test]
    public void Text_that_is_not_a_pact_is_refused_with_a_format_exception()
    {
        Assert.Throws<FormatException>(() => PactSpecChecker.Check("{\"openapi\": \"3.1.0\"}", Specs.Embedded));
        Assert.Throws<FormatException>(() => PactSpecChecker.Check("not json", Specs.Embedded));
    }
}
