using System.Net;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Dsl.Tests.Dsl;

/// <summary>What the DSL declares and its own rules, on a recording driver instead of the engine.</summary>
public class PactBuilderRulesTests
{
    private RecordingDriver _driver = null!;
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact()
    {
        _driver = new RecordingDriver();
        _pact = PactBuilder.Create("DslConsumer", "DslProvider", new PactConfig { PactDir = "unused" }, _driver);
    }

    [Test]
    public async Task The_declared_interaction_reaches_the_driver_with_states_parameters_and_matchers()
    {
        _pact.UponReceiving("a request for a vehicle")
            .Given("a vehicle exists", new { id = "e5a1" })
            .WithRequest(HttpMethod.Get, "/vehicles/e5a1")
            .WithQuery("pageSize", "2")
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithJsonBody(new { vin = Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$") }, "application/hal+json");

        await _pact.VerifyAsync(_ => Task.CompletedTask);

        var interaction = _driver.Started.Single().Interactions.Single();
        Assert.That((interaction.Method, interaction.Path, interaction.Status), Is.EqualTo(("GET", "/vehicles/e5a1", "200")));
        Assert.That(interaction.States.Single(), Is.EqualTo(("a vehicle exists", (string?)"""{"id":"e5a1"}""")));
        Assert.That(interaction.Query.Single(), Is.EqualTo(("pageSize", "2")));
        Assert.That(JsonNode.Parse(interaction.Response.Body!)!["vin"]!["pact:matcher:type"]!.GetValue<string>(), Is.EqualTo("regex"));
        Assert.That(_driver.Written, Is.EqualTo(new[] { "unused" }), "a matched verification writes the pact");
    }

    [Test]
    public void A_mismatch_fails_with_the_engines_words_and_writes_nothing()
    {
        _pact.UponReceiving("a request").WithRequest(HttpMethod.Get, "/x").WillRespond().WithStatus(200);
        _driver.Mismatches.Add("unexpected request: GET /y");

        var error = Assert.ThrowsAsync<PactFailureException>(() => _pact.VerifyAsync(_ => Task.CompletedTask));

        Assert.That(error!.Mismatches, Is.EqualTo(new[] { "unexpected request: GET /y" }));
        Assert.That(_driver.Written, Is.Empty);
    }

    [Test]
    public void The_consumers_exception_travels_with_the_mismatch_that_explains_it()
    {
        _pact.UponReceiving("a request").WithRequest(HttpMethod.Get, "/x").WillRespond().WithStatus(200);
        _driver.Mismatches.Add("request GET /x did not match");

        var error = Assert.ThrowsAsync<PactFailureException>(() => _pact.VerifyAsync(_ => throw new TimeoutException("the mock answered 500")));

        Assert.That(error!.InnerException, Is.TypeOf<TimeoutException>());
    }

    [Test]
    public void A_status_matcher_is_refused_before_the_engine_in_a_V3_pact()
    {
        var pact = PactBuilder.Create("DslConsumer", "DslProvider", new PactConfig { Specification = PactSpecification.V3 }, _driver);
        pact.UponReceiving("a creation").WithRequest(HttpMethod.Post, "/x").WillRespond().WithAnySuccessStatus(202);

        var error = Assert.ThrowsAsync<NotSupportedException>(() => pact.VerifyAsync(_ => Task.CompletedTask));

        Assert.That(error!.Message, Does.Contain("only Pact V4"));
        Assert.That(_driver.Started, Is.Empty);
    }

    [Test]
    public async Task Each_verification_hands_over_only_the_interactions_declared_since_the_last()
    {
        _pact.UponReceiving("first").WithRequest(HttpMethod.Get, "/1").WillRespond().WithStatus(200);
        await _pact.VerifyAsync(_ => Task.CompletedTask);
        _pact.UponReceiving("second").WithRequest(HttpMethod.Get, "/2").WillRespond().WithStatus(200);

        await _pact.VerifyAsync(_ => Task.CompletedTask);

        Assert.That(_driver.Started.Select(s => string.Join(",", s.Interactions.Select(i => i.Description))), Is.EqualTo(new[] { "first", "second" }));
    }
}
