namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class InlineRefsTests
{
    [Test]
    public void Refs_into_a_vendor_section_and_into_paths_are_inlined_with_their_siblings()
    {
        var document = RepairHarness.Load(Documents.Oas30 + """
            paths:
              /cars/{id}:
                $ref: '#/x-templates/item'
              /trucks/{id}:
                get:
                  parameters: [{ $ref: '#/paths/~1cars~1%7Bid%7D/get/parameters/0', description: the truck }]
                  responses:
                    '200': { description: A truck }
            x-templates:
              item:
                get:
                  operationId: getCar
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: A car }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(document.GetOperation("getCar").PathParameters.Single().Name, Is.EqualTo("id"));
            Assert.That(document.Operations.Single(o => o.Path == "/trucks/{id}").PathParameters.Single().Description, Is.EqualTo("the truck"));
            Assert.That(document.Warnings.Of("ref-outside-components"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_ref_inside_a_component_is_inlined_which_OpenAPI_NET_could_not_resolve()
    {
        var text = Documents.Oas31 + """
            paths:
              /cars/{id}:
                get:
                  parameters: [{ name: id, in: path, required: true, schema: { $ref: '#/components/schemas/Car/properties/id' } }]
                  responses:
                    '200': { description: A car, content: { application/json: { schema: { $ref: '#/components/schemas/Car' } } } }
            components:
              schemas:
                Car:
                  type: object
                  properties:
                    id: { type: string, format: uuid }
                    owner: { $ref: '#/components/schemas/Car/definitions/owner' }
                  definitions:
                    owner: { type: object, required: [name], properties: { name: { type: string } } }
            """;

        var document = RepairHarness.Load(text);

        var parameter = document.Operations.Single().PathParameters.Single().Schema!;
        var car = document.Schemas["Car"];
        Assert.Multiple(() =>
        {
            Assert.That(parameter.Json.GetProperty("format").GetString(), Is.EqualTo("uuid"));
            Assert.That(car.At("properties", "owner", "required").Json.ToString(), Is.EqualTo("[\"name\"]"), "the inlined owner keeps its required name");
            Assert.That(car.At("definitions").Json.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object), "the keyword OpenAPI.NET does not model stays where the document wrote it");
            Assert.That(document.Warnings.Of("ref-inside-component"), Has.Count.EqualTo(2));
            Assert.That(document.Warnings.Of("openapi-net"), Is.Empty);
        });
    }

    [Test]
    public void Pointer_escapes_and_percent_encoding_in_a_ref_are_decoded()
    {
        var document = RepairHarness.Load(Documents.Oas30 + """
            paths:
              /tyres~pressure/{axle}:
                parameters: [{ name: axle, in: path, required: true, schema: { type: integer, maximum: 3 } }]
                get: { operationId: pressure, responses: { '200': { description: Pressure } } }
              /tyres~temperature/{axle}:
                parameters: [{ $ref: '#/paths/~1tyres~0pressure~1%7Baxle%7D/parameters/0' }]
                get: { operationId: temperature, responses: { '200': { description: Temperature } } }
            """);

        var axle = document.GetOperation("temperature").PathParameters.Single();
        Assert.That(axle.Schema!.Json.GetProperty("maximum").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void A_circular_chain_of_inlined_refs_is_refused()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.Load(Documents.Oas30 + """
            paths:
              /a: { $ref: '#/x-a' }
            x-a: { $ref: '#/x-b' }
            x-b: { $ref: '#/x-a' }
            """))!;

        Assert.That(error.Reason, Does.Contain("is circular"));
    }
}
