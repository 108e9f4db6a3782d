using System.Net;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Pact.Tests.Dsl;

/// <summary>
/// The consumer DSL on the Pact engine's mock server: the verification fails, with the engine's mismatches,
/// when the consumer does something unexpected or leaves an interaction unused; otherwise the pact is written.
/// </summary>
public class PactBuilderTests
{
    private string _directory = null!;
    private PactBuilder _pact = null!;

    [SetUp]
    public void NewPact()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dsl-pacts", TestContext.CurrentContext.Test.MethodName!);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _pact = PactBuilder.Create("DslConsumer", "DslProvider", new PactConfig { PactDir = _directory });
    }

    [Test]
    public void The_engine_is_the_pinned_pact_ffi_release() => Assert.That(FfiPactDriver.Instance.EngineVersion, Is.EqualTo("0.5.8"));

    [Test]
    public async Task A_successful_verification_writes_states_parameters_and_matching_rules_into_the_pact()
    {
        DeclareVehicle();

        await _pact.VerifyAsync(context => GetAsync(context, "/vehicles/e5a1"));

        var interaction = JsonNode.Parse(await File.ReadAllTextAsync(_pact.PactFilePath))!["interactions"]![0]!;
        Assert.That(interaction["providerStates"]![0]!.ToJsonString(), Is.EqualTo("""{"name":"a vehicle exists","params":{"id":"e5a1"}}"""));
        Assert.That(interaction["response"]!["matchingRules"]!["body"]!["$.vin"]!["matchers"]![0]!["match"]!.GetValue<string>(), Is.EqualTo("regex"));
        Assert.That(interaction["response"]!["body"]!["contentType"]!.GetValue<string>(), Is.EqualTo("application/hal+json"));
    }

    [Test]
    public void An_unexpected_request_fails_with_the_engines_mismatches()
    {
        DeclareVehicle();

        var error = Assert.ThrowsAsync<PactFailureException>(() => _pact.VerifyAsync(async context =>
        {
            await GetAsync(context, "/vehicles/e5a1");
            await GetAsync(context, "/vehicles/unknown");
        }));

        Assert.That(error!.Mismatches, Is.EqualTo(new[] { "unexpected request: GET /vehicles/unknown" }));
        Assert.That(File.Exists(_pact.PactFilePath), Is.False, "a failed verification writes no pact");
    }

    [Test]
    public void An_interaction_left_unused_fails_the_verification()
    {
        DeclareVehicle();

        var error = Assert.ThrowsAsync<PactFailureException>(() => _pact.VerifyAsync(_ => Task.CompletedTask));

        Assert.That(error!.Message, Does.Contain("expected request was never made: GET /vehicles/e5a1"));
    }

    [Test]
    public void A_request_that_differs_from_the_declared_one_is_described_by_the_engine()
    {
        _pact.UponReceiving("a page of vehicles").WithRequest(HttpMethod.Get, "/vehicles").WithQuery("pageSize", "2").WillRespond().WithStatus(200);

        var error = Assert.ThrowsAsync<PactFailureException>(() => _pact.VerifyAsync(context => GetAsync(context, "/vehicles?pageSize=3")));

        Assert.That(error!.Mismatches.Single(), Does.Contain("request GET /vehicles did not match").And.Contain("pageSize"));
    }

    [Test]
    public void An_exception_of_the_consumer_code_is_rethrown_when_the_engine_saw_no_mismatch()
    {
        DeclareVehicle();

        Assert.ThrowsAsync<TimeZoneNotFoundException>(() => _pact.VerifyAsync(async context =>
        {
            await GetAsync(context, "/vehicles/e5a1");
            throw new TimeZoneNotFoundException("the consumer's own assertion failed");
        }));
    }

    [Test]
    public async Task Each_verification_serves_only_its_own_interactions_and_all_merge_into_one_pact()
    {
        DeclareVehicle();
        await _pact.VerifyAsync(context => GetAsync(context, "/vehicles/e5a1"));
        _pact.UponReceiving("a request for the trips").WithRequest(HttpMethod.Get, "/trips").WillRespond().WithStatus(HttpStatusCode.NoContent);

        await _pact.VerifyAsync(context => GetAsync(context, "/trips"));

        var descriptions = JsonNode.Parse(await File.ReadAllTextAsync(_pact.PactFilePath))!["interactions"]!.AsArray().Select(i => i!["description"]!.GetValue<string>());
        Assert.That(descriptions, Is.EquivalentTo(new[] { "a request for a vehicle", "a request for the trips" }));
    }

    [Test]
    public void Verifying_without_any_interaction_is_a_usage_error() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => _pact.VerifyAsync(_ => Task.CompletedTask));

    private void DeclareVehicle() =>
        _pact.UponReceiving("a request for a vehicle")
            .Given("a vehicle exists", new { id = "e5a1" })
            .WithRequest(HttpMethod.Get, "/vehicles/e5a1")
            .WillRespond()
            .WithStatus(HttpStatusCode.OK)
            .WithJsonBody(new { vin = Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$") }, "application/hal+json");

    private static async Task GetAsync(ConsumerContext context, string path)
    {
        using var http = new HttpClient { BaseAddress = context.MockServerUri };
        using var response = await http.GetAsync(path);
    }
}
