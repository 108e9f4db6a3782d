using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

internal sealed class SuccessStatusCheck : Check
{
    public override string Id => "status.success";

    public override string Description => "A valid request with every scope gets the documented 2xx status.";

    public override async Task RunAsync(CaseContext context) =>
        context.ExpectSuccess(await context.BaselineAsync(), "a valid request with every scope");
}

internal sealed class NotFoundCheck : Check
{
    public override string Id => "status.not-found";

    public override string Description => "An id that names nothing answers 404 (the last path parameter replaced by an unknown id).";

    public override string? NotApplicable(OperationContext operation)
    {
        if (operation.Template.Parameters.Count == 0)
        {
            return "no path parameter: nothing to look up";
        }

        var name = operation.Template.Parameters[^1];
        if (operation.Operation.PathParameters.FirstOrDefault(p => p.Name == name)?.Schema is { } schema && operation.Document.View(schema).Enum.Count > 0)
        {
            return $"'{name}' is one of the values the document lists: none of them is unknown for sure";
        }

        return operation.Session.Model.OwnerOf(operation.Template, name) is { ListOperation: not null, Item: not null }
            ? null
            : $"no collection of the document lists '{name}': a value no list shows is not known to name nothing (a key, a path, a format)";
    }

    public override async Task RunAsync(CaseContext context)
    {
        var values = new Dictionary<string, string>(await context.Op.ValuesAsync(consume: false, context.CancellationToken), StringComparer.Ordinal);
        var name = context.Op.Template.Parameters[^1];
        var parameter = context.Operation.PathParameters.FirstOrDefault(p => p.Name == name);
        values[name] = parameter is null ? "conformance-unknown-0000" : UnknownId(context, parameter, values[name]);
        var token = await context.TokenAsync(context.Session.EveryScope);
        var request = context.Session.Requests.Valid(context.Operation, values, token);
        var response = await context.SendAsync(request, $"unknown {name}");
        context.ExpectStatus(response, 404, $"with the unknown {name} '{values[name]}'");
    }

    /// <summary>
    /// An id the document allows that names nothing: the usual candidates, else values made from the parameter's own
    /// schema (a UUID, a pattern) other than the one discovered. Invalid values would test 400, not 404.
    /// </summary>
    public static string UnknownId(CaseContext context, Parameter parameter, string known)
    {
        var invalid = context.Session.Invalid;
        var usual = invalid.UnknownId(parameter);
        if (invalid.IsValid(parameter, usual) || parameter.Schema is not { } schema)
        {
            return usual;
        }

        var generator = new ConnectedCarMock.Fixtures.Generation.PayloadGenerator(context.Document);
        for (var seed = 9001; seed < 9009; seed++)
        {
            if (generator.Generate(schema, seed) is System.Text.Json.Nodes.JsonValue value && (value.TryGetValue<string>(out var text) ? text : value.ToJsonString()) is var candidate
                && candidate != known && invalid.IsValid(parameter, candidate))
            {
                return candidate;
            }
        }

        return usual;
    }
}

internal sealed class BadRequestCheck : Check
{
    public override string Id => "status.bad-request";

    public override string Description => "Invalid parameter values, a missing required query parameter and an invalid body each answer 400.";

    public override string? NotApplicable(OperationContext operation) =>
        Variants(operation).Count == 0 ? "no parameter constraint, required query parameter or request body to violate" : null;

    public override async Task RunAsync(CaseContext context)
    {
        var values = await context.Op.ValuesAsync(consume: false, context.CancellationToken);
        var token = await context.TokenAsync(context.Session.EveryScope);
        foreach (var (label, change) in Variants(context.Op))
        {
            var valid = context.Session.Requests.Valid(context.Operation, values, token);
            var request = change(valid, values);
            var response = await context.SendAsync(request, label);
            context.ExpectStatus(response, 400, label);
        }
    }

    /// <summary>Each way to make the operation's request invalid, as a change to a valid request.</summary>
    private static List<(string Label, Func<ApiRequest, IReadOnlyDictionary<string, string>, ApiRequest> Change)> Variants(OperationContext operation)
    {
        var op = operation.Operation;
        var session = operation.Session;
        var variants = new List<(string, Func<ApiRequest, IReadOnlyDictionary<string, string>, ApiRequest>)>();
        if (session.Invalid.InvalidParameter(op) is var (parameter, raw))
        {
            var label = $"invalid {parameter.In.ToString().ToLowerInvariant()} parameter {parameter.Name}='{raw}'";
            variants.Add((label, (request, values) => parameter.In == ParameterLocation.Query
                ? request.WithQuery(parameter.Name, raw)
                : session.Requests.Valid(op, new Dictionary<string, string>(values, StringComparer.Ordinal) { [parameter.Name] = raw }, request.Token)));
        }

        if (op.Parameters.FirstOrDefault(p => p.Required && p.In == ParameterLocation.Query) is { } required)
        {
            variants.Add(($"required query parameter {required.Name} missing", (request, _) => request.WithQuery(required.Name, null)));
        }

        if (RequestFactory.BodyMedia(op) is { } media && session.Invalid.InvalidBody(media) is var (json, what))
        {
            variants.Add(($"invalid body: {what}", (request, _) => request with { Body = json, ContentType = media.Name }));
        }

        return variants;
    }
}

internal sealed class MethodNotAllowedCheck : Check
{
    private static readonly string[] Candidates = ["PATCH", "PUT", "POST", "DELETE"];

    public override string Id => "status.method-not-allowed";

    public override string Description => "A method the path does not document answers 405 with an Allow header listing the documented ones.";

    public override string? NotApplicable(OperationContext operation) =>
        Unused(operation) is null ? "every method is documented on this path" : null;

    public override async Task RunAsync(CaseContext context)
    {
        var method = Unused(context.Op)!;
        var token = await context.TokenAsync(context.Session.EveryScope);
        var request = await context.ValidRequestAsync(token) with { Method = method, Body = null, ContentType = null };
        var response = await context.SendAsync(request, $"{method} on {context.Operation.Path}");
        if (!context.ExpectStatus(response, 405, $"{method}, which {context.Operation.Path} does not document"))
        {
            return;
        }

        var documented = Documented(context.Op);
        var allow = response.Header("Allow");
        if (allow is null)
        {
            context.Fail("405 without an Allow header (RFC 9110 §15.5.6)", response);
            return;
        }

        var listed = allow.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = documented.Where(m => !listed.Contains(m)).ToList();
        if (missing.Count > 0)
        {
            context.Fail($"Allow: {allow} does not list {string.Join(", ", missing)}", response);
        }
    }

    private static List<string> Documented(OperationContext operation) =>
        operation.Document.Operations.Where(o => o.Path == operation.Operation.Path).Select(o => o.Method).ToList();

    private static string? Unused(OperationContext operation)
    {
        var documented = Documented(operation);
        return Candidates.FirstOrDefault(c => !documented.Contains(c, StringComparer.OrdinalIgnoreCase));
    }
}
