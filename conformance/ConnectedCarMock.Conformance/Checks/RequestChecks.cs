using System.Text.Json.Nodes;
using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

internal sealed class TolerantBodyCheck : Check
{
    private const string Extra = "conformanceExtra";

    public override string Id => "request.tolerant-body";

    public override string Description => "The server accepts a valid request body with unknown extra properties (documented 2xx), as a tolerant reader.";

    public override string? NotApplicable(OperationContext operation)
    {
        if (RequestFactory.BodyMedia(operation.Operation) is not { Schema: { } schema })
        {
            return "the operation takes no JSON request body";
        }

        return operation.Document.View(schema).IsObject ? null : "the request body is not an object: there is no place for an extra property";
    }

    public override async Task RunAsync(CaseContext context)
    {
        var operation = context.Operation;
        var schema = RequestFactory.BodyMedia(operation)!.Schema!;
        if (context.Session.Requests.Body(operation) is not JsonObject body)
        {
            throw new CaseSkippedException("the generated body is not an object");
        }

        // The unknown property takes the first value the schema admits for it (additionalProperties may be a schema).
        JsonNode?[] candidates = ["an unknown property a tolerant reader ignores", new JsonObject(), true, 1, new JsonArray()];
        var admitted = candidates.FirstOrDefault(value =>
        {
            body[Extra] = value?.DeepClone();
            return context.Session.Validator.Validate(schema, body, ValidationMode.Tolerant).IsValid;
        });
        if (admitted is null)
        {
            throw new CaseSkippedException("the body's schema admits no unknown property of any type");
        }

        body[Extra] = admitted.DeepClone();
        // One level down as well, as long as the document still calls the body valid under the tolerant rules.
        if (body.FirstOrDefault(p => p.Key != Extra && p.Value is JsonObject).Value is JsonObject nested)
        {
            nested[Extra] = true;
            if (!context.Session.Validator.Validate(schema, body, ValidationMode.Tolerant).IsValid)
            {
                nested.Remove(Extra);
            }
        }

        var token = await context.TokenAsync(context.Session.EveryScope);
        var request = await context.ValidRequestAsync(token, consume: true) with { Body = body.ToJsonString() };
        var response = await context.SendAsync(request, "body with unknown properties");
        context.ExpectSuccess(response, "a valid body with unknown extra properties");
    }
}
