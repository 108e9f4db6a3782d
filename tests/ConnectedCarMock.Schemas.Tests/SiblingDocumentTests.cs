namespace ConnectedCarMock.Schemas.Tests;

/// <summary>
/// Documents shaped like the siblings of our API family that did not load: a Swagger 2.0 document whose
/// definitions have spaces in their names, and a document with a <c>$ref</c> missing its slash. Written
/// here in our own words; every operation must be in the model with its schemas resolved.
/// </summary>
public class SiblingDocumentTests
{
    private const string SpacedDefinitions = """
        swagger: '2.0'
        info: { title: Fleet status, version: '2.3' }
        basePath: /fleet/v2
        produces: [application/json]
        consumes: [application/json]
        paths:
          /vehicles/{vin}/status:
            get:
              operationId: readStatus
              parameters: [{ name: vin, in: path, required: true, type: string }]
              responses:
                '200': { description: The status, schema: { $ref: '#/definitions/Vehicle Status' } }
                '404': { description: Unknown vehicle, schema: { $ref: '#/definitions/Fleet Error' } }
            put:
              operationId: changeStatus
              parameters:
                - { name: vin, in: path, required: true, type: string }
                - { name: body, in: body, required: true, schema: { $ref: '#/definitions/Status%20Change' } }
              responses:
                '200': { description: The new status, schema: { $ref: '#/definitions/Vehicle Status' } }
                '400': { description: Bad change, schema: { $ref: '#/definitions/Fleet Error' } }
          /vehicles/{vin}/status/history:
            get:
              operationId: statusHistory
              parameters: [{ name: vin, in: path, required: true, type: string }]
              responses:
                '200': { description: Past statuses, schema: { type: array, items: { $ref: '#/definitions/Vehicle Status' } } }
          /fleet/summary:
            get:
              operationId: fleetSummary
              responses:
                '200': { description: Counts per state, schema: { $ref: '#/definitions/Fleet Summary (v2)' } }
        definitions:
          Vehicle Status:
            type: object
            required: [vin, state]
            properties:
              vin: { type: string }
              state: { type: string, enum: [parked, driving, charging] }
              since: { type: string, format: date-time }
          Status Change:
            type: object
            required: [state]
            properties: { state: { type: string, enum: [parked, driving, charging] } }
          Fleet Error:
            type: object
            required: [name, message]
            properties: { name: { type: string }, message: { type: string } }
          Fleet Summary (v2):
            type: object
            additionalProperties: { type: integer }
        """;

    private const string MissingSlash = """
        openapi: 3.0.3
        info: { title: Trips, version: '1.4' }
        paths:
          /trips:
            get:
              operationId: listTrips
              responses:
                '200':
                  description: Trips
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#components/schemas/Trip' } }
          /trips/{id}:
            get:
              operationId: readTrip
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses:
                '200':
                  description: One trip
                  content: { application/json: { schema: { $ref: '#components/schemas/Trip' } } }
                '404':
                  description: No such trip
                  content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } }
          /trips/{id}/path:
            get:
              operationId: tripPath
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses:
                '200':
                  description: Positions of the trip
                  content: { application/json: { schema: { type: array, items: { $ref: '#components/schemas/Position' } } } }
        components:
          schemas:
            Trip:
              type: object
              required: [id, distance]
              properties:
                id: { type: string }
                distance: { type: number, minimum: 0 }
                start: { $ref: '#components/schemas/Position' }
            Position: { type: object, required: [lat, lon], properties: { lat: { type: number }, lon: { type: number } } }
            Problem: { type: object, required: [name], properties: { name: { type: string } } }
        """;

    [Test]
    public void A_Swagger_2_document_with_spaces_in_definition_names_serves_every_operation()
    {
        var document = SpecLoader.Parse(SpacedDefinitions, "fleet-status.yaml");

        AssertEveryOperationResolved(document, "readStatus", "changeStatus", "statusHistory", "fleetSummary");
        var status = document.GetOperation("readStatus").ResponseFor(200)!.Content.Single().Schema!;
        var change = document.GetOperation("changeStatus").RequestBody!.Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.BasePath, Is.EqualTo("/fleet/v2"));
            Assert.That(status.ComponentName, Is.EqualTo("Vehicle_Status"));
            Assert.That(document.SchemaName("Vehicle_Status"), Is.EqualTo("Vehicle Status"));
            Assert.That(document.SchemaName(document.GetOperation("fleetSummary").ResponseFor(200)!.Content.Single().Schema!.ComponentName!), Is.EqualTo("Fleet Summary (v2)"));
            Assert.That(document.Validator.Validate(status, """{"vin":"VF3ABCDEFGH123456","state":"parked"}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(status, """{"vin":"VF3ABCDEFGH123456","state":"flying"}""").IsValid, Is.False);
            Assert.That(document.Validator.Validate(change, """{"state":"charging"}""").IsValid, Is.True);
            Assert.That(document.Warnings.Select(w => w.Code).Distinct(), Is.EquivalentTo(new[] { "component-key", "ref-encoding" }));
            Assert.That(document.Warnings.Count(w => w.Code == "component-key"), Is.EqualTo(4));
        });
    }

    [Test]
    public void A_document_with_refs_missing_their_slash_serves_every_operation()
    {
        var document = SpecLoader.Parse(MissingSlash, "trips.yaml");

        AssertEveryOperationResolved(document, "listTrips", "readTrip", "tripPath");
        var trip = document.GetOperation("readTrip").ResponseFor(200)!.Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(trip.ComponentName, Is.EqualTo("Trip"));
            Assert.That(document.Validator.Validate(trip, """{"id":"t1","distance":12.5,"start":{"lat":48.8,"lon":2.3}}""").IsValid, Is.True);
            Assert.That(document.Validator.Validate(trip, """{"id":"t1","distance":12.5,"start":{"lat":48.8}}""").IsValid, Is.False, "the nested ref was repaired too");
            Assert.That(document.Warnings.Select(w => w.Code), Has.All.EqualTo("ref-missing-slash"));
            Assert.That(document.Warnings, Has.Count.EqualTo(4));
        });
    }

    private static void AssertEveryOperationResolved(ApiDocument document, params string[] operationIds)
    {
        Assert.That(document.Operations.Select(o => o.Id), Is.EquivalentTo(operationIds));
        foreach (var operation in document.Operations)
        {
            var media = operation.Responses.SelectMany(r => r.Content).Concat(operation.RequestBody?.Content ?? []).ToList();
            Assert.That(media, Is.Not.Empty, $"{operation.Id} has bodies");
            foreach (var body in media)
            {
                Assert.That(body.Schema, Is.Not.Null, $"{operation.Id} {body.Name}");
                PublishedDocumentTests.AssertRefsResolve(document, body.Schema!.Json);
                Assert.DoesNotThrow(() => document.Validator.Validate(body.Schema, "{}"), $"{operation.Id}: every reachable ref compiles");
            }
        }
    }
}
