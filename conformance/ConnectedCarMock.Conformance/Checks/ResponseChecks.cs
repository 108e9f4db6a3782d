using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

/// <summary>What the checks of a successful answer's body share.</summary>
internal abstract class SuccessBodyCheck : Check
{
    public const string NoBody = "the documented answer has no body";

    public override string? NotApplicable(OperationContext operation) =>
        operation.Operation.SuccessResponses.Any(r => r.Content.Count > 0) ? null : NoBody;

    /// <summary>The baseline answer when it is a documented 2xx; null (after a failure) otherwise.</summary>
    protected static async Task<(ApiResponse Response, Response Documented)?> SuccessAsync(CaseContext context)
    {
        var response = await context.BaselineAsync();
        if (!context.ExpectSuccess(response, "this check needs the answer to a valid request"))
        {
            return null;
        }

        if (response.Status == 204)
        {
            throw new CaseSkippedException("204 No Content carries no body (RFC 9110 §15.3.5), whatever media types the document lists for it");
        }

        var documented = context.Operation.ResponseFor(response.Status);
        if (documented is null || documented.Content.Count == 0)
        {
            throw new CaseSkippedException($"{NoBody} for {response.Status}");
        }

        return (response, documented);
    }
}

internal sealed class TolerantSchemaCheck : SuccessBodyCheck
{
    public override string Id => "response.schema-tolerant";

    public override string Description => "The 2xx body is valid against its documented schema under the tolerant-reader rules (unknown properties allowed, all else enforced).";

    public override async Task RunAsync(CaseContext context)
    {
        if (await SuccessAsync(context) is not var (response, documented))
        {
            return;
        }

        var media = documented.Content.FirstOrDefault(m => string.Equals(m.Name, response.MediaType, StringComparison.OrdinalIgnoreCase))
            ?? documented.Content.FirstOrDefault(m => m.IsJson);
        if (media?.Schema is not { } schema)
        {
            throw new CaseSkippedException($"the document gives no JSON schema for {response.Status}");
        }

        if (!response.IsJson)
        {
            context.Fail($"the {response.Status} body is not JSON", response);
            return;
        }

        using var json = System.Text.Json.JsonDocument.Parse(response.Body);
        var result = context.Session.Validator.Validate(schema, json.RootElement, ValidationMode.Tolerant);
        if (!result.IsValid)
        {
            var shown = string.Join("; ", result.Errors.Take(5).Select(e => $"{(e.InstancePointer.Length == 0 ? "/" : e.InstancePointer)}: {e.Message}"));
            context.Fail($"the body does not match {schema.ComponentName ?? schema.Pointer} ({result.Errors.Count} errors): {shown}", response);
        }
    }
}

internal sealed class ContentTypeCheck : SuccessBodyCheck
{
    public override string Id => "response.content-type";

    public override string Description => "The 2xx answer's Content-Type is a media type the document gives for that status.";

    public override async Task RunAsync(CaseContext context)
    {
        if (await SuccessAsync(context) is not var (response, documented))
        {
            return;
        }

        var names = documented.Content.Select(m => m.Name).ToList();
        if (response.MediaType is null)
        {
            context.Fail($"no Content-Type; the document says {string.Join(" or ", names)}", response);
        }
        else if (!names.Any(n => n == "*/*" || string.Equals(n, response.MediaType, StringComparison.OrdinalIgnoreCase)))
        {
            context.Fail($"Content-Type {response.MediaType}; the document says {string.Join(" or ", names)}", response);
        }
    }
}

internal sealed class ErrorModelCheck : Check
{
    public override string Id => "response.error-model";

    public override string Description => "Every 4xx/5xx answer (provoked here or met by other checks) is in the document's error model: valid against the schema it declares for that status (or default), else the xError {name, debug, message} where the document defines one.";

    public override bool RunsLast => true;

    public override async Task RunAsync(CaseContext context)
    {
        await ProvokeAsync(context);
        var answers = context.Op.ErrorAnswers.DistinctBy(a => a.Exchange).ToList();
        if (answers.Count == 0)
        {
            throw new CaseSkippedException("no error answer could be provoked");
        }

        var schemas = context.Document.Schemas;
        var xError = schemas.GetValueOrDefault("xError") ?? schemas.FirstOrDefault(s => s.Key.Equals("xError", StringComparison.OrdinalIgnoreCase)).Value;
        var judged = 0;
        foreach (var answer in answers)
        {
            var declared = Declared(context.Operation, answer.Status);
            var schema = declared?.Schema ?? xError;
            if (schema is null)
            {
                continue; // the document says nothing of this error's body
            }

            judged++;
            if (answer.MediaType is null || !(answer.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || answer.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                context.Fail($"{answer.Status} with Content-Type {answer.MediaType ?? "(none)"}, not JSON", answer);
                continue;
            }

            if (!answer.IsJson)
            {
                context.Fail($"{answer.Status} body is not JSON", answer);
                continue;
            }

            using var json = System.Text.Json.JsonDocument.Parse(answer.Body);
            var result = context.Session.Validator.Validate(schema, json.RootElement, ValidationMode.Tolerant);
            if (!result.IsValid)
            {
                context.Fail($"{answer.Status} body is not a valid {schema.ComponentName ?? (declared is null ? "xError" : "error body of the document")}: {result.Errors[0]}", answer);
            }
        }

        if (judged == 0)
        {
            throw new CaseSkippedException($"the document declares no error body for the {answers.Count} error answers met ({string.Join(", ", answers.Select(a => a.Status).Distinct())})");
        }

        context.Note($"{answers.Count} error answers examined");
    }

    /// <summary>The JSON error body the operation declares for a status: the code, its range, then default.</summary>
    private static MediaType? Declared(Operation operation, int status) =>
        operation.Responses.Where(r => r.Code == status)
            .Concat(operation.Responses.Where(r => r.Code is null && r.Status != "default" && r.Describes(status)))
            .Concat(operation.Responses.Where(r => r.Status == "default"))
            .Select(r => r.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null))
            .FirstOrDefault(m => m is not null);

    /// <summary>Errors every implementation must give: no token, an unknown id, an invalid parameter, a method the path lacks.</summary>
    private static async Task ProvokeAsync(CaseContext context)
    {
        var op = context.Op;
        var token = await context.TokenAsync(context.Session.EveryScope);
        var request = await context.ValidRequestAsync(token);
        if (op.IsSecured)
        {
            await context.SendAsync(request with { Token = null }, "no token");
        }

        if (op.Template.Parameters.Count > 0)
        {
            var values = new Dictionary<string, string>(await op.ValuesAsync(consume: false, context.CancellationToken), StringComparer.Ordinal);
            var name = op.Template.Parameters[^1];
            values[name] = context.Operation.PathParameters.FirstOrDefault(p => p.Name == name) is { } parameter ? NotFoundCheck.UnknownId(context, parameter, values[name]) : "conformance-unknown-0000";
            await context.SendAsync(context.Session.Requests.Valid(context.Operation, values, token), $"unknown {name}");
        }

        if (context.Session.Invalid.InvalidParameter(context.Operation) is { Parameter.In: ParameterLocation.Query } invalid)
        {
            await context.SendAsync(request.WithQuery(invalid.Parameter.Name, invalid.Raw), $"invalid {invalid.Parameter.Name}");
        }

        if (!context.Document.Operations.Any(o => o.Path == context.Operation.Path && o.Method == "PATCH"))
        {
            await context.SendAsync(request with { Method = "PATCH", Body = null, ContentType = null }, "PATCH");
        }
    }
}
