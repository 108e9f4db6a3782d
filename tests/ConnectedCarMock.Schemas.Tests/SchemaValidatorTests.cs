namespace ConnectedCarMock.Schemas.Tests;

/// <summary>OpenAPI schemas become draft 2020-12 for Json.Schema.Net, strict or tolerant.</summary>
public class SchemaValidatorTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: Validator fixture, version: '1' }
        paths:
          /things:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
        components:
          schemas:
            Thing:
              type: object
              additionalProperties: false
              required: [id, level]
              properties:
                id: { type: string, format: uuid }
                level: { type: number, minimum: 0, exclusiveMinimum: true, maximum: 100 }
                note: { type: string, nullable: true }
                kind:
                  type: string
                  enum: [Fuel, Electric]
                  nullable: true
                count: { type: integer, format: int32 }
                createdAt: { type: string, format: date-time }
                pet: { $ref: '#/components/schemas/Pet' }
                tags:
                  type: array
                  items: { $ref: '#/components/schemas/Tag' }
            Pet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator: { propertyName: petType }
            Cat:
              type: object
              required: [petType, whiskers]
              properties: { petType: { type: string, enum: [cat] }, whiskers: { type: integer } }
            Dog:
              type: object
              required: [petType, bark]
              properties: { petType: { type: string, enum: [dog] }, bark: { type: boolean } }
            Tag:
              type: object
              required: [name]
              properties: { name: { type: string }, weight: { type: number, format: float } }
        """;

    private static readonly ApiDocument Api = SpecLoader.Parse(Document, "validator.yaml");

    private static Schema Thing => Api.Schemas["Thing"];

    private const string ValidThing = """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":0.5,"note":null,"kind":null,"count":3,"createdAt":"2024-05-01T10:15:30Z","pet":{"petType":"cat","whiskers":12},"tags":[{"name":"a","weight":1.5}]}""";

    [Test]
    public void A_valid_instance_passes_in_both_modes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Api.Validator.Validate(Thing, ValidThing, ValidationMode.Strict).IsValid, Is.True, Api.Validator.Validate(Thing, ValidThing).ToString());
            Assert.That(Api.Validator.Validate(Thing, ValidThing, ValidationMode.Tolerant).IsValid, Is.True, Api.Validator.Validate(Thing, ValidThing, ValidationMode.Tolerant).ToString());
        });
    }

    [Test]
    public void Nullable_from_OpenAPI_3_0_allows_null_and_nothing_else()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":1,"note":5}""");

        Assert.That(result.Errors.Select(e => e.InstancePointer), Does.Contain("/note"));
    }

    [Test]
    public void Boolean_exclusive_minimum_excludes_the_bound()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":0}""");

        Assert.That(result.Errors, Has.Some.Matches<ValidationError>(e => e.InstancePointer == "/level" && e.Keyword == "exclusiveMinimum"));
    }

    [Test]
    public void Unknown_properties_fail_strict_mode_and_pass_tolerant_mode()
    {
        var instance = """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":1,"chargingCurveV2":[1,2]}""";

        Assert.Multiple(() =>
        {
            Assert.That(Api.Validator.Validate(Thing, instance, ValidationMode.Strict).IsValid, Is.False);
            Assert.That(Api.Validator.Validate(Thing, instance, ValidationMode.Tolerant).IsValid, Is.True);
        });
    }

    [Test]
    public void Tolerant_mode_still_enforces_required_types_and_formats()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"not-a-uuid","count":"three"}""", ValidationMode.Tolerant);

        Assert.That(result.Errors.Select(e => (e.InstancePointer, e.Keyword)), Is.SupersetOf(new[]
        {
            (string.Empty, "required"),
            ("/id", "format"),
            ("/count", "type"),
        }));
    }

    [Test]
    public void Errors_name_the_instance_pointer_the_keyword_and_the_schema_location()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":1,"tags":[{"weight":2}]}""");

        var error = result.Errors.Single(e => e.Keyword == "required");
        Assert.Multiple(() =>
        {
            Assert.That(error.InstancePointer, Is.EqualTo("/tags/0"));
            Assert.That(error.SchemaLocation, Is.EqualTo("/components/schemas/Tag/required"));
            Assert.That(error.Message, Does.Contain("name"));
        });
    }

    [Test]
    public void OneOf_with_a_discriminator_validates_against_the_branches()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":1,"pet":{"petType":"dog"}}""");

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Date_time_format_is_asserted()
    {
        var result = Api.Validator.Validate(Thing, """{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","level":1,"createdAt":"yesterday"}""");

        Assert.That(result.Errors, Has.Some.Matches<ValidationError>(e => e.InstancePointer == "/createdAt" && e.Keyword == "format"));
    }

    [Test]
    public void Response_schemas_validate_through_component_refs()
    {
        var response = Api.GetOperation("GET /things").SuccessResponses.Single().Content.Single().Schema!;

        Assert.Multiple(() =>
        {
            Assert.That(Api.Validator.Validate(response, ValidThing).IsValid, Is.True);
            Assert.That(Api.Validator.Validate(response, "{}").Errors.Single().SchemaLocation, Is.EqualTo("/components/schemas/Thing/required"));
        });
    }

    [Test]
    public async Task Concurrent_first_uses_of_a_schema_compile_it_once_and_all_succeed()
    {
        var fresh = SpecLoader.Parse(Document, "concurrent.yaml");
        var schema = fresh.Schemas["Thing"];

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => fresh.Validator.Validate(schema, ValidThing))));

        Assert.That(results.Select(r => r.IsValid), Is.All.True);
    }
}
