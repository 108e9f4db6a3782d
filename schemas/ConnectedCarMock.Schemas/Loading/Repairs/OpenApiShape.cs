namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>Facts about the shape of OpenAPI 2.0 and 3.x documents that several repairs rely on.</summary>
internal static class OpenApiShape
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Keys whose values are data, where null and <c>$ref</c>-like keys are legitimate values.</summary>
    public static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal) { "example", "examples", "default", "enum", "const", "value" };

    /// <summary>Component sections of 2.0 documents (at the root) and of 3.x documents (under <c>/components</c>).</summary>
    public static readonly string[] Swagger2Sections = ["definitions", "parameters", "responses", "securityDefinitions"];

    public static readonly string[] Oas3Sections = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"];

    /// <summary>
    /// The pointer of the component section and the name when <paramref name="pointer"/> names a whole
    /// component (<c>/definitions/Car</c>, <c>/components/schemas/Car</c>), else null.
    /// </summary>
    public static (string Section, string Name)? WholeComponent(string pointer)
    {
        var tokens = Pointers.Tokens(pointer);
        if (tokens.Count == 2 && Swagger2Sections.Contains(tokens[0]))
        {
            return ("/" + tokens[0], tokens[1]);
        }

        if (tokens.Count == 3 && tokens[0] == "components" && Oas3Sections.Contains(tokens[1]))
        {
            return ("/components/" + tokens[1], tokens[2]);
        }

        return null;
    }

    /// <summary>Whether the pointer is inside a component section (a whole component or a node within one).</summary>
    public static bool InComponentSection(string pointer)
    {
        var tokens = Pointers.Tokens(pointer);
        return (tokens.Count >= 2 && Swagger2Sections.Contains(tokens[0]))
            || (tokens.Count >= 3 && tokens[0] == "components" && Oas3Sections.Contains(tokens[1]));
    }

    /// <summary>The section that holds schemas, in a document of the given version.</summary>
    public static string SchemaSection(RepairContext context) => context.IsSwagger2 ? "/definitions" : "/components/schemas";
}
