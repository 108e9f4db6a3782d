using System.Text.Json.Nodes;
using ConnectedCarMock.Pact.Dsl.Tests.SpecCheck;

namespace ConnectedCarMock.Pact.Dsl.Tests.Verification;

/// <summary>The pact the engine replays: paths fitted to the base path, Authorization replaced only where recorded, filters applied.</summary>
public class PactPreparationTests
{
    private const string BasePath = "/api/connectedcar/v1";

    [Test]
    public void A_pact_mixing_paths_with_and_without_the_base_path_loses_the_base_path_before_the_replay()
    {
        var text = PactText.Of(
            PactText.Interaction("GET", BasePath + "/accounts/vehicles", 200, null),
            PactText.Interaction("GET", "/accounts/channels", 200, null));

        var prepared = PactPreparation.Prepare(text, PactDocument.Parse(text), BasePath);

        Assert.That(prepared.ProviderPath, Is.EqualTo(BasePath));
        Assert.That(PactDocument.Parse(prepared.Json).Interactions.Select(i => i.Path), Is.EqualTo(new[] { "/accounts/vehicles", "/accounts/channels" }));
    }

    [Test]
    public void A_fresh_token_replaces_the_recorded_one_and_a_request_recorded_without_credentials_stays_without()
    {
        var withToken = PactText.Interaction("GET", BasePath + "/accounts/vehicles", 200, null);
        withToken["request"]!["headers"] = new JsonObject { ["Authorization"] = new JsonArray("Bearer recorded") };
        var withoutToken = PactText.Interaction("GET", BasePath + "/accounts/channels", 401, null);
        var text = PactText.Of(withToken, withoutToken);

        var prepared = PactPreparation.Prepare(text, PactDocument.Parse(text), BasePath, "Bearer fresh");

        var interactions = PactDocument.Parse(prepared.Json).Interactions;
        Assert.That(interactions[0].Request.Headers["Authorization"], Is.EqualTo(new[] { "Bearer fresh" }));
        Assert.That(interactions[1].Request.Headers.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public void A_V3_string_header_stays_a_string()
    {
        var text = """
            {"consumer":{"name":"C"},"provider":{"name":"P"},"metadata":{"pactSpecification":{"version":"3.0.0"}},
             "interactions":[{"description":"d","request":{"method":"GET","path":"/x","headers":{"authorization":"Bearer old"}},"response":{"status":200}}]}
            """;

        var prepared = PactPreparation.Prepare(text, PactDocument.Parse(text), string.Empty, "Bearer new");

        Assert.That(JsonNode.Parse(prepared.Json)!["interactions"]![0]!["request"]!["headers"]!["authorization"]!.GetValue<string>(), Is.EqualTo("Bearer new"));
    }

    [Test]
    public void Filters_keep_the_interactions_whose_description_and_state_match()
    {
        var a = PactText.Interaction("GET", "/a", 200, null);
        a["providerStates"] = new JsonArray(new JsonObject { ["name"] = "a vehicle exists" });
        var b = PactText.Interaction("GET", "/b", 200, null);
        var text = PactText.Of(a, b);
        var filter = PactPreparation.Filter(new PactVerificationOptions { Target = new Uri("http://x"), FilterState = "^a vehicle", FilterDescription = "^GET" });

        var prepared = PactPreparation.Prepare(text, PactDocument.Parse(text), string.Empty, null, filter);

        Assert.That(prepared.Selected.Select(s => s.Description), Is.EqualTo(new[] { "GET /a" }));
        Assert.That(PactDocument.Parse(prepared.Json).Interactions.Select(i => i.Path), Is.EqualTo(new[] { "/a" }));
    }
}
