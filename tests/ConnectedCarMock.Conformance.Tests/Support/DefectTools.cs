using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Support;

/// <summary>What a defective server needs to know about a request: its operation, its token's scopes, new tokens and bodies.</summary>
internal sealed class DefectTools(ApiDocument document)
{
    // The mock's default signing settings: tokens minted here are the ones it accepts.
    private static readonly TokenService Tokens = new(new SecurityOptions());

    private readonly List<(PathTemplate Template, Operation Operation)> _routes = document.Operations
        .Select(o => (new PathTemplate(o.Path), o))
        .OrderByDescending(r => r.Item1.Segments.Count(s => !PathTemplate.IsParameter(s)))
        .ToList();

    public ApiDocument Document => document;

    public string EveryScopeToken { get; } = Tokens.Mint("defect", document.AllScopes);

    public static string Mint(IEnumerable<string> scopes) => Tokens.Mint("defect", scopes);

    /// <summary>The operation a request is for; null for the token endpoint and unknown paths.</summary>
    public Operation? Route(MockRequest request)
    {
        if (!request.Path.StartsWith(document.BasePath + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = request.Path[document.BasePath.Length..].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToList();
        return _routes.FirstOrDefault(r => r.Operation.Method == request.Method && r.Template.Match(segments) is not null).Operation;
    }

    /// <summary>The scopes of the request's bearer token (claims read, signature not checked); null without a JWT.</summary>
    public static IReadOnlyList<string>? Scopes(MockRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal) || header[7..].Split('.') is not { Length: 3 } parts)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var claims = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return (claims?["scope"]?.GetValue<string>() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static MockRequest WithToken(MockRequest request, string token) => request.WithHeader("Authorization", "Bearer " + token);

    /// <summary>An xError answer, as the mock writes them.</summary>
    public static MockResponse Error(int status, string name, string message) => new(status)
    {
        ContentType = "application/json",
        Body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["name"] = name, ["debug"] = "ERROR_DEFECT", ["message"] = message }),
    };

    /// <summary>A 403 as the mock writes it, challenge included: the defect is the decision, not the answer's form.</summary>
    public static MockResponse Forbidden(string scope) =>
        Error(403, "FORBIDDEN", $"the token lacks the scope {scope}")
            .WithHeader("WWW-Authenticate", $"Bearer realm=\"connectedcar\", error=\"insufficient_scope\", scope=\"{scope}\"");

    /// <summary>A copy of an answer with its JSON body changed (when it has one).</summary>
    public static MockResponse EditJson(MockResponse response, Action<JsonObject> edit)
    {
        if (response.Status is < 200 or >= 300 || response.Body.Length == 0 || JsonNode.Parse(response.Body) is not JsonObject body)
        {
            return response;
        }

        edit(body);
        var copy = response.WithStatus(response.Status);
        copy.Body = Encoding.UTF8.GetBytes(body.ToJsonString());
        return copy;
    }

    /// <summary>The schema of the operation's first documented 2xx JSON answer.</summary>
    public static Schema? SuccessSchema(Operation operation) =>
        operation.SuccessResponses.SelectMany(r => r.Content).FirstOrDefault(m => m.IsJson && m.Schema is not null)?.Schema;

    /// <summary>Validation that survives a first compile racing the mock's own (the schema library does not guard it yet).</summary>
    public bool IsValid(Schema schema, JsonNode? instance, ValidationMode mode)
    {
        try
        {
            return document.Validator.Validate(schema, instance, mode).IsValid;
        }
        catch (Json.Schema.JsonSchemaException)
        {
            return document.Validator.Validate(schema, instance, mode).IsValid;
        }
    }
}
