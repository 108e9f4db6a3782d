namespace ConnectedCarMock.Schemas.Tests.Repairs;

/// <summary>Openings of small test documents, one per OpenAPI version.</summary>
internal static class Documents
{
    public const string Oas30 = "openapi: 3.0.3\ninfo: { title: Garage, version: '1' }\n";

    public const string Oas31 = "openapi: 3.1.0\ninfo: { title: Garage, version: '1' }\n";

    public const string Swagger2 = "swagger: '2.0'\ninfo: { title: Garage, version: '1' }\n";

    /// <summary>A minimal <c>paths</c> section with one operation answering a schema reference.</summary>
    public static string PathAnswering(string reference, string operationId = "getCar") => $$"""
        paths:
          /cars:
            get:
              operationId: {{operationId}}
              responses:
                '200':
                  description: A car
                  content:
                    application/json:
                      schema: { $ref: '{{reference}}' }

        """;
}
