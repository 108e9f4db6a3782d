using System.Globalization;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Generation;

/// <summary>The semantics the generator honours, each on a small document written for it.</summary>
public class SchemaSemanticsTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: semantics, version: "1" }
        paths:
          /things:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#/components/schemas/Thing' } }
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Webhook' }
              responses:
                "201": { description: created }
          /things/{thingId}:
            get:
              parameters: [{ name: thingId, in: path, required: true, schema: { type: string } }]
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
        components:
          schemas:
            Geometry:
              type: object
              required: [type]
              properties:
                type: { type: string, enum: [Polygon, Point, ExtCircle] }
            Point:
              allOf:
                - $ref: '#/components/schemas/Geometry'
                - type: object
                  properties:
                    type: { type: string, enum: [Point] }
                    coordinates: { type: array, items: { type: number }, minItems: 2, maxItems: 3 }
            Thing:
              type: object
              required: [id, familyCode]
              properties:
                familyCode: { type: string, description: "The vehicle family, such as SUV or Minivan." }
                secret: { type: string, writeOnly: true }
                createdAt: { type: string, format: dateTime }
            Webhook:
              type: object
              required: [target]
              properties:
                target: { type: string, example: "https://my.post.channel" }
                id: { type: string, readOnly: true }
                secret: { type: string, writeOnly: true }
            Pet:
              type: object
              required: [petType]
              properties:
                petType: { type: string }
              discriminator:
                propertyName: petType
                mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' }
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
            Cat:
              type: object
              required: [petType, lives]
              properties: { petType: { type: string }, lives: { type: integer, minimum: 1, maximum: 9 } }
            Dog:
              type: object
              required: [petType, bark]
              properties: { petType: { type: string }, bark: { type: boolean } }
            Impossible:
              allOf:
                - { type: string }
                - { type: integer }
            Flow:
              discriminator: { propertyName: method }
              oneOf:
                - $ref: '#/components/schemas/WithLink'
                - $ref: '#/components/schemas/WithCode'
                - $ref: '#/components/schemas/WithToken'
            WithLink:
              type: object
              required: [method, email]
              properties: { method: { type: string }, email: { type: string } }
            WithCode:
              type: object
              required: [method]
              properties: { method: { type: string }, email: { type: string }, code: { type: string } }
            WithToken:
              type: object
              required: [method]
              properties: { method: { type: string }, token: { type: string } }
            Report:
              oneOf:
                - { type: object, properties: { records: { type: array, items: { $ref: '#/components/schemas/SmsRecord' } } } }
                - { type: object, properties: { records: { type: array, items: { $ref: '#/components/schemas/CallRecord' } } } }
            SmsRecord:
              type: object
              properties: { text: { type: string } }
            CallRecord:
              type: object
              properties: { duration: { type: integer } }
            Even:
              type: integer
              multipleOf: 4
              allOf: [{ multipleOf: 6 }, { minimum: 12, exclusiveMinimum: true, maximum: 40 }]
        """;

    private static readonly ApiDocument Doc = SpecLoader.Parse(Document, "semantics.yaml");

    private static Schema Component(string name) => Doc.Schemas[name];

    private static IEnumerable<JsonNode?> Values(string component, bool request = false) =>
        Enumerable.Range(1, 20).Select(seed => new PayloadGenerator(Doc, new GeneratorOptions { ForRequest = request }).Generate(Component(component), seed));

    [Test]
    public void An_allOf_narrowing_an_enum_gives_only_the_narrowed_value()
    {
        Assert.That(Values("Point").Select(v => v!["type"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "Point" }));
    }

    [Test]
    public void A_oneOf_with_a_discriminator_matches_one_branch_and_names_it()
    {
        foreach (var pet in Values("Pet"))
        {
            var type = pet!["petType"]!.GetValue<string>();
            Assert.That(type, Is.AnyOf("cat", "dog"));
            Assert.That(pet[type == "cat" ? "lives" : "bark"], Is.Not.Null, pet.ToJsonString());
            Assert.That(Doc.Validator.Validate(Component("Pet"), pet).IsValid, Is.True);
        }
    }

    [Test]
    public void A_oneOf_of_open_branches_that_overlap_gives_values_that_match_exactly_one()
    {
        // Every WithLink value is a WithCode value, and WithCode and WithToken differ only by optional properties.
        var branches = new[] { "WithLink", "WithCode", "WithToken" };
        var matched = new HashSet<string>();
        foreach (var flow in Values("Flow", request: true))
        {
            var matches = branches.Where(b => Doc.Validator.Validate(Component(b), flow).IsValid).ToList();
            Assert.That(matches, Has.Count.EqualTo(1), flow!.ToJsonString());
            Assert.That(Doc.Validator.Validate(Component("Flow"), flow).IsValid, Is.True);
            Assert.That(flow.AsObject().Select(p => p.Key), Is.SubsetOf(new[] { "method", "email", "code", "token" }));
            matched.Add(matches[0]);
        }

        Assert.That(matched, Has.Count.GreaterThan(1));
    }

    [Test]
    public void Branches_that_differ_only_inside_a_shared_property_are_told_apart_there()
    {
        // Both branches declare only "records"; a list of one record the other branch's record schema refuses tells them apart.
        var branches = Doc.Schemas["Report"].Json.GetProperty("oneOf").EnumerateArray().Select((_, i) => Component("Report").At("oneOf", i.ToString(CultureInfo.InvariantCulture))).ToList();
        foreach (var report in Values("Report"))
        {
            Assert.That(branches.Count(b => Doc.Validator.Validate(b, report).IsValid), Is.EqualTo(1), report!.ToJsonString());
        }
    }

    [Test]
    public void Multiples_of_every_branch_within_the_tightest_bounds()
    {
        Assert.That(Values("Even").Select(v => v!.GetValue<long>()), Has.All.Matches<long>(n => n % 12 == 0 && n > 12 && n <= 40));
    }

    [Test]
    public void A_schema_that_admits_no_value_is_an_error_naming_it_and_listed_by_the_audit()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PayloadGenerator(Doc).Generate(Component("Impossible"), 1));

        Assert.That(error!.Message, Does.Contain("/components/schemas/Impossible").And.Contain("share nothing"));
    }

    [Test]
    public void The_documents_example_is_preferred_and_a_description_gives_the_meaning()
    {
        Assert.That(Values("Webhook", request: true).Select(v => v!["target"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "https://my.post.channel" }));
        Assert.That(Values("Thing").Select(v => v!["familyCode"]!.GetValue<string>()), Has.All.AnyOf("SUV", "Minivan", "Sedan", "Hatchback", "Crossover", "Van", "Pickup", "Station wagon"));
    }

    [Test]
    public void ReadOnly_only_in_responses_and_writeOnly_only_in_requests()
    {
        Assert.That(Values("Webhook", request: true), Has.All.Matches<JsonNode>(w => w["id"] is null && w["secret"] is not null));
        Assert.That(Values("Webhook"), Has.All.Matches<JsonNode>(w => w["id"] is not null && w["secret"] is null));
    }

    [Test]
    public void A_misspelt_format_is_read_as_its_intent_with_a_warning()
    {
        foreach (var thing in Values("Thing"))
        {
            Assert.That(DateTimeOffset.TryParse(thing!["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, out _), Is.True);
        }

        Assert.That(SchemaAudit.MisspelledFormats(Doc).Select(f => f.Reason), Has.Some.Contains("'dateTime' is read as 'date-time'"));
    }

    [Test]
    public void An_id_required_but_not_declared_is_the_worlds_id_and_nothing_else_is_invented()
    {
        var world = new FleetWorld(Doc);
        var renderer = new ResourceRenderer(world);
        var collection = world.Model.ByList("/things")!;
        foreach (var id in world.IdsOf(collection, new Dictionary<string, string>()))
        {
            var address = new ResourceAddress(collection.Item!, new Dictionary<string, string> { ["thingId"] = id });
            var thing = renderer.Render(Component("Thing"), address)!.AsObject();

            Assert.That(thing["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(thing.Select(p => p.Key), Is.SubsetOf(new[] { "id", "familyCode", "createdAt" }));
        }
    }
}
