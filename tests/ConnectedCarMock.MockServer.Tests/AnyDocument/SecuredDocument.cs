using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.AnyDocument;

/// <summary>A small document (written here, in our words) that declares every kind of security scheme and requirement, and its own error model.</summary>
internal static class SecuredDocument
{
    public const string Yaml = """
        openapi: 3.0.3
        info: { title: Secured fleet, version: 1.0.0 }
        servers: [{ url: http://localhost/fleet }]
        security:
          - basic: []
          - keyHeader: []
        paths:
          /cars:
            get:
              operationId: listCars
              responses:
                '200': { description: cars, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Car' } } } } }
                '401': { $ref: '#/components/responses/Problem' }
            post:
              operationId: createCar
              security: [ { oauth: [cars:write] } ]
              requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Car' } } } }
              responses:
                '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Car' } } } }
                '400': { $ref: '#/components/responses/Problem' }
                '401': { $ref: '#/components/responses/Problem' }
                '403': { $ref: '#/components/responses/Problem' }
          /cars/{carId}:
            get:
              operationId: getCar
              parameters: [ { name: carId, in: path, required: true, schema: { type: integer, minimum: 1 } } ]
              security: [ { keyQuery: [], keyCookie: [] }, { jwt: [] }, { opaque: [] } ]
              responses:
                '200': { description: car, content: { application/json: { schema: { $ref: '#/components/schemas/Car' } } } }
                default: { $ref: '#/components/responses/Problem' }
          /cars/{carId}/status:
            put:
              operationId: setCarStatus
              parameters: [ { name: carId, in: path, required: true, schema: { type: integer, minimum: 1 } } ]
              security: [ { oidc: [] } ]
              requestBody: { required: true, content: { application/json: { schema: { type: object, required: [status], properties: { status: { type: string, enum: [Parked, Driving] } } } } } }
              responses:
                '200': { description: the car, content: { application/json: { schema: { $ref: '#/components/schemas/Car' } } } }
                default: { $ref: '#/components/responses/Problem' }
          /health:
            get:
              operationId: health
              security: []
              responses:
                '200': { description: up, content: { application/json: { schema: { type: object, properties: { up: { type: boolean } } } } } }
        components:
          responses:
            Problem:
              description: a problem
              content:
                application/problem+json:
                  schema: { $ref: '#/components/schemas/Problem' }
          schemas:
            Car:
              type: object
              required: [carId, plate]
              properties:
                carId: { type: integer, readOnly: true, minimum: 1 }
                plate: { type: string, maxLength: 12 }
                status: { type: string, enum: [Parked, Driving] }
                createdAt: { type: string, format: date-time, readOnly: true }
            Problem:
              type: object
              required: [type, title, status]
              properties:
                type: { type: string }
                title: { type: string }
                status: { type: integer }
                detail: { type: string }
          securitySchemes:
            basic: { type: http, scheme: basic }
            jwt: { type: http, scheme: bearer, bearerFormat: JWT }
            opaque: { type: http, scheme: bearer }
            keyHeader: { type: apiKey, in: header, name: X-Api-Key }
            keyQuery: { type: apiKey, in: query, name: key }
            keyCookie: { type: apiKey, in: cookie, name: session }
            oauth:
              type: oauth2
              flows:
                clientCredentials: { tokenUrl: https://auth.example.com/token, scopes: { 'cars:write': write cars, cars: read cars } }
                authorizationCode: { authorizationUrl: https://auth.example.com/authorize, tokenUrl: https://auth.example.com/token, scopes: { 'cars:write': write cars } }
            oidc: { type: openIdConnect, openIdConnectUrl: https://auth.example.com/.well-known/openid-configuration }
        """;

    private static readonly Lazy<ApiDocument> s_document = new(() => SpecLoader.Parse(Yaml, "secured-fleet.yaml"));

    public static ApiDocument Document => s_document.Value;
}
