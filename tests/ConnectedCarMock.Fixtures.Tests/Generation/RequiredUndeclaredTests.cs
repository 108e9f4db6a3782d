using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Generation;

/// <summary>
/// Open schemas that require a name they declare nowhere (netbird's <c>RouteRequest</c> requires <c>id</c>;
/// codat's data type feature declares <c>dataType</c> and requires <c>datatype</c>): a valid value must hold
/// the name, so the generator writes it and the closed world counts it as named by the schema, while a name
/// the schema mentions nowhere stays undeclared.
/// </summary>
public class RequiredUndeclaredTests
{
    private const string Document = """
        openapi: 3.1.0
        info: { title: required but undeclared, version: "1" }
        paths:
          /routes:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/RouteRequest' }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          features: { type: array, items: { $ref: '#/components/schemas/Integration/definitions/feature' } }
        components:
          schemas:
            RouteRequest:
              type: object
              required: [id, metric]
              properties:
                metric: { type: integer, minimum: 1, maximum: 9999 }
                peer: { type: string }
              dependentRequired:
                peer: [peer_groups]
            Integration:
              type: object
              definitions:
                feature:
                  type: object
                  required: [datatype, supported]
                  properties:
                    dataType: { type: string, enum: [invoices, bills] }
                    supported: { type: boolean }
                  examples:
                    - { datatype: invoices, supported: true }
        """;

    private static readonly ApiDocument Doc = SpecLoader.Parse(Document, "required-undeclared.yaml");

    private static Schema RequestBody => Doc.Operations.Single().RequestBody!.Content.Single().Schema!;

    private static Schema ResponseBody => Doc.Operations.Single().Responses.Single().Content.Single().Schema!;

    [Test]
    public void A_required_name_without_a_property_is_generated_and_valid_in_the_closed_world()
    {
        var requests = new PayloadGenerator(Doc, new GeneratorOptions { ForRequest = true });
        var responses = new PayloadGenerator(Doc);
        for (var seed = 1; seed <= 20; seed++)
        {
            var request = requests.Generate(RequestBody, seed)!;
            var response = responses.Generate(ResponseBody, seed)!;

            Assert.That(request["id"], Is.Not.Null, request.ToJsonString());
            Assert.That(Doc.Validator.Validate(RequestBody, request, ValidationMode.Closed).IsValid, Is.True, Doc.Validator.Validate(RequestBody, request, ValidationMode.Closed).ToString());
            Assert.That(Doc.Validator.Validate(ResponseBody, response, ValidationMode.Closed).IsValid, Is.True, Doc.Validator.Validate(ResponseBody, response, ValidationMode.Closed).ToString());
        }
    }

    [Test]
    public void The_undeclared_name_takes_the_enclosing_examples_value()
    {
        var values = Enumerable.Range(1, 20)
            .Select(seed => new PayloadGenerator(Doc).Generate(ResponseBody, seed)!["features"]!.AsArray())
            .SelectMany(features => features.Select(f => f!["datatype"]!.ToJsonString()))
            .Distinct();

        Assert.That(values, Is.EqualTo(new[] { "\"invoices\"" }));
    }

    [TestCase("createdAt")]
    [TestCase("updatedAt")]
    [TestCase("eventTimestamp")]
    public void An_undeclared_name_that_says_a_time_is_a_date_time(string name)
    {
        // As the published document's Position: createdAt required beside the properties, declared only below them.
        var doc = SpecLoader.Parse($$"""
            openapi: 3.1.0
            info: { title: time, version: "1" }
            paths:
              /p:
                get:
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { type: object, required: [{{name}}], properties: { properties: { type: object } } }
            """, "time.yaml");
        var schema = doc.Operations.Single().Responses.Single().Content.Single().Schema!;

        var values = Enumerable.Range(1, 20).Select(seed => new PayloadGenerator(doc).Generate(schema, seed)![name]!.GetValue<string>()).ToList();

        Assert.That(values, Has.All.Matches<string>(v => DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _) && v.Contains('T')), string.Join(", ", values));
    }

    [Test]
    public void Required_and_dependent_names_count_as_declared_a_name_mentioned_nowhere_does_not()
    {
        var named = JsonNode.Parse("""{ "id": "r1", "metric": 5, "peer": "p", "peer_groups": [] }""");
        var extra = JsonNode.Parse("""{ "id": "r1", "metric": 5, "colour": "red" }""");
        var nested = JsonNode.Parse("""{ "features": [{ "datatype": "invoices", "supported": true, "colour": "red" }] }""");

        Assert.That(Doc.Validator.Validate(RequestBody, named, ValidationMode.Closed).IsValid, Is.True);
        Assert.That(Doc.Validator.Validate(RequestBody, extra, ValidationMode.Closed).Errors.Select(e => e.InstancePointer), Is.EqualTo(new[] { "/colour" }));
        Assert.That(Doc.Validator.Validate(ResponseBody, nested, ValidationMode.Closed).Errors.Select(e => e.InstancePointer), Is.EqualTo(new[] { "/features/0/colour" }));
        Assert.That(Doc.Validator.Validate(RequestBody, extra, ValidationMode.Strict).IsValid, Is.True, "the schema is open: only the closed world refuses 'colour'");
    }
}
