using System.Text;

namespace ConnectedCarMock.Schemas.Tests;

/// <summary>Each real-world quirk of the published document family is repaired and reported.</summary>
public class SpecRepairTests
{
    private const string Header = "openapi: 3.0.0\ninfo:\n  title: Quirks\n  version: '1'\n";

    [Test]
    public void Path_items_and_responses_that_ref_into_a_vendor_section_are_inlined()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /vehicles:
                $ref: '#/x-fragment/Vehicles'
            x-fragment:
              Vehicles:
                get:
                  operationId: getVehicles
                  responses:
                    '200':
                      description: OK
                    default:
                      description: Vehicle not found
                      $ref: '#/x-fragment/error'
              error:
                content:
                  application/json:
                    schema: { type: object, required: [name] }
            """);

        var operation = document.GetOperation("getVehicles");
        var error = operation.Responses.Single(r => r.Status == "default");
        Assert.Multiple(() =>
        {
            Assert.That(error.Description, Is.EqualTo("Vehicle not found"));
            Assert.That(error.Content.Single().Name, Is.EqualTo("application/json"));
            Assert.That(document.Warnings.Count(w => w.Code == "ref-outside-components"), Is.EqualTo(2));
        });
    }

    [Test]
    public void Media_types_with_trailing_spaces_are_trimmed()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: OK
                      content:
                        'application/hal+json ':
                          schema: { type: object }
            """);

        Assert.That(document.Operations.Single().Responses.Single().Content.Single().Name, Is.EqualTo("application/hal+json"));
        Assert.That(document.Warnings.Single().Code, Is.EqualTo("media-type-whitespace"));
    }

    [Test]
    public void Whitespace_only_lines_in_block_scalars_and_tab_indentation_are_repaired()
    {
        var text = Header + "paths:\n  /a:\n    get:\n      description: |\n          \n        Lists things.   \n      responses:\n\t\t\t\t'200':\n\t\t\t\t  description: OK\n";

        var document = SpecLoader.Parse(text);

        Assert.That(document.Operations, Has.Count.EqualTo(1));
        Assert.That(document.Warnings.Select(w => w.Code), Is.SupersetOf(new[] { "trailing-whitespace", "tab-indentation" }));
    }

    [Test]
    public void Plain_scalars_with_colons_in_flow_sequences_are_read_as_strings()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema: { type: string, enum: [remote:preconditioning:write] }
            """);

        var schema = document.Operations.Single().Responses.Single().Content.Single().Schema!;
        Assert.That(schema.Json.GetProperty("enum")[0].GetString(), Is.EqualTo("remote:preconditioning:write"));
    }

    [Test]
    public void A_document_that_is_not_UTF8_is_read_as_Latin1_and_reported()
    {
        var bytes = Encoding.Latin1.GetBytes(Header.Replace("Quirks", "Qualit\u00e9", StringComparison.Ordinal) + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n");

        var document = SpecLoader.Load(bytes, "latin1.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(document.Title, Is.EqualTo("Qualit\u00e9"));
            Assert.That(document.Warnings.Single().Code, Is.EqualTo("encoding-latin1"));
            Assert.That(document.Warnings.Single().Location, Is.EqualTo("line 3"));
        });
    }

    [Test]
    public void Responses_without_description_get_one()
    {
        var document = SpecLoader.Parse(Header + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: { type: object }\n");

        Assert.That(document.Operations.Single().Responses.Single().Description, Is.EqualTo("HTTP 200"));
        Assert.That(document.Warnings.Single().Code, Is.EqualTo("response-description"));
    }

    [Test]
    public void Keys_without_value_and_ref_siblings_are_removed_and_reported()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Holder' }
            components:
              schemas:
                Holder:
                  type: object
                  properties:
                    tip:
                      $ref: '#/components/schemas/Tip'
                      allOf:
                    settings:
                      $ref: '#/components/schemas/Tip'
                      type: array
                Tip: { type: object, properties: { text: { type: string } } }
            """);

        var holder = document.Schemas["Holder"];
        Assert.Multiple(() =>
        {
            Assert.That(document.Warnings.Select(w => w.Code), Is.EquivalentTo(new[] { "null-value", "ref-siblings" }));
            Assert.That(document.Validator.Validate(holder, """{"tip":{"text":"x"},"settings":{"text":"y"}}""").IsValid, Is.True);
        });
    }

    [Test]
    public void A_number_example_of_a_string_schema_becomes_a_string()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema: { type: string, example: 0 }
            """);

        var schema = document.Operations.Single().Responses.Single().Content.Single().Schema!;
        Assert.That(schema.Json.GetProperty("example").GetString(), Is.EqualTo("0"));
    }

    [Test]
    public void Required_comments_and_scope_tables_become_x_scopes()
    {
        var document = SpecLoader.Parse(Header + """
            paths:
              /trips:
                get:
                  operationId: getTrips
                  description: |
                    Trips.
                    |Scope Name |Mandatory State|
                    |----------|:-------------:|
                    | data:trip|Required|
                    | data:trip:extra|Optional|
                  security:
                    - api_oauth:
                        - data:trip #Required
                        - data:telemetry:vehicle:location
                  responses:
                    '200': { description: OK }
              /alerts:
                get:
                  operationId: getAlerts
                  security:
                    - api_oauth:
                        - data:alert   # required by the API
                        - data:telemetry:vehicle:location
                  responses:
                    '200': { description: OK }
            components:
              securitySchemes:
                api_oauth:
                  type: oauth2
                  flows:
                    implicit:
                      authorizationUrl: https://example.com/authorize
                      scopes:
                        data:trip: trips
                        'data:telemetry:vehicle:location ': positions
            """);

        var trips = document.GetOperation("getTrips");
        var alerts = document.GetOperation("getAlerts");
        Assert.Multiple(() =>
        {
            Assert.That(trips.RequiredScopes, Is.EqualTo(new[] { "data:trip" }));
            Assert.That(trips.OptionalScopes, Is.EqualTo(new[] { "data:telemetry:vehicle:location", "data:trip:extra" }));
            Assert.That(alerts.RequiredScopes, Is.EqualTo(new[] { "data:alert" }));
            Assert.That(alerts.OptionalScopes, Is.EqualTo(new[] { "data:telemetry:vehicle:location" }));
            Assert.That(document.DeclaredScopes, Does.Contain("data:telemetry:vehicle:location"));
        });
    }

    [Test]
    public void Without_annotations_every_listed_scope_is_required()
    {
        var document = SpecLoader.Parse("""
            openapi: 3.1.0
            info: { title: Plain, version: '1' }
            paths:
              /a:
                get:
                  security: [{ oauth: [read:a, read:b] }]
                  responses:
                    '200': { description: OK }
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: { 'read:a': a, 'read:b': b } } }
            """);

        Assert.That(document.Operations.Single().RequiredScopes, Is.EqualTo(new[] { "read:a", "read:b" }));
        Assert.That(document.Warnings, Is.Empty);
    }

    [Test]
    public void Swagger_2_documents_are_read_and_their_base_path_kept()
    {
        var document = SpecLoader.Parse("""
            swagger: '2.0'
            info: { title: Old, version: '1' }
            host: example.com
            basePath: /api/v2
            schemes: [https]
            paths:
              /cars/{id}:
                get:
                  operationId: getCar
                  produces: [application/json]
                  parameters:
                    - { name: id, in: path, required: true, type: string }
                  responses:
                    '200':
                      description: A car
                      schema: { $ref: '#/definitions/Car' }
            definitions:
              Car: { type: object, required: [vin], properties: { vin: { type: string } } }
            """);

        var operation = document.GetOperation("getCar");
        Assert.Multiple(() =>
        {
            Assert.That(document.SpecVersion, Is.EqualTo("2.0"));
            Assert.That(document.BasePath, Is.EqualTo("/api/v2"));
            Assert.That(operation.PathParameters.Single().Name, Is.EqualTo("id"));
            Assert.That(document.Validator.Validate(operation.SuccessResponses.Single().Content.Single().Schema!, "{}").IsValid, Is.False);
        });
    }

    [Test]
    public void JSON_documents_are_read()
    {
        var document = SpecLoader.Parse("""
            {"openapi":"3.1.0","info":{"title":"J","version":"1"},"servers":[{"url":"http://localhost/base/"}],
             "paths":{"/a":{"get":{"operationId":"a","responses":{"204":{"description":"none"}}}}}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(document.GetOperation("a").Responses.Single().Status, Is.EqualTo("204"));
            Assert.That(document.BasePath, Is.EqualTo("/base"));
            Assert.That(document.Warnings, Is.Empty);
        });
    }
}
