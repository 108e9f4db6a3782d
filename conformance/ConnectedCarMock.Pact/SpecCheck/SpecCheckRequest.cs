using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>The request side: query and header parameters, then the body (held to the schema strictly: the consumer controls it).</summary>
internal static class SpecCheckRequest
{
    public static void Check(SpecCheckContext context, ResolvedOperation resolved)
    {
        var operation = resolved.Operation;
        var request = context.Interaction.Request;
        CheckQuery(context, operation, request);
        CheckHeaders(context, operation, request);
        CheckBody(context, operation, request);
    }

    private static void CheckQuery(SpecCheckContext context, Operation operation, PactMessage request)
    {
        var documented = operation.Parameters.Where(p => p.In == ParameterLocation.Query).ToDictionary(p => p.Name, StringComparer.Ordinal);
        // An API key sent as a query parameter (api_keyAuth's client_id) is documented by its security scheme.
        var keys = context.Document.SecuritySchemes.Values
            .Where(s => s.Kind == SecuritySchemeKind.ApiKey && s.In == ParameterLocation.Query && s.ParameterName is not null)
            .Select(s => s.ParameterName!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            var pointer = "/request/query/" + SpecCheckContext.Token(name);
            if (!documented.TryGetValue(name, out var parameter))
            {
                if (!keys.Contains(name))
                {
                    var known = documented.Count == 0 ? "none" : string.Join(", ", documented.Keys.Order(StringComparer.Ordinal));
                    context.Add(PactMismatchKind.UndocumentedQueryParameter, pointer,
                        $"query parameter '{name}' is not documented for {operation.Method} {operation.Path}; documented: {known}");
                }

                continue;
            }

            if (parameter.Schema is { } schema)
            {
                foreach (var error in SpecCheckValues.Validate(context.Document, schema, values))
                {
                    context.Add(PactMismatchKind.InvalidParameter, pointer, $"query parameter '{name}': {error}");
                }
            }
        }

        foreach (var missing in documented.Values.Where(p => p.Required && !request.Query.ContainsKey(p.Name)))
        {
            context.Add(PactMismatchKind.MissingParameter, "/request/query/" + SpecCheckContext.Token(missing.Name),
                $"required query parameter '{missing.Name}' of {operation.Method} {operation.Path} is not sent");
        }
    }

    private static void CheckHeaders(SpecCheckContext context, Operation operation, PactMessage request)
    {
        // Only documented header parameters are checked: Authorization, Accept and the like belong to HTTP, not to the operation.
        foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Header))
        {
            var pointer = "/request/headers/" + SpecCheckContext.Token(parameter.Name);
            if (!request.Headers.TryGetValue(parameter.Name, out var values))
            {
                if (parameter.Required)
                {
                    context.Add(PactMismatchKind.MissingParameter, pointer, $"required header '{parameter.Name}' of {operation.Method} {operation.Path} is not sent");
                }

                continue;
            }

            if (parameter.Schema is { } schema)
            {
                foreach (var error in SpecCheckValues.Validate(context.Document, schema, values))
                {
                    context.Add(PactMismatchKind.InvalidParameter, pointer, $"header '{parameter.Name}': {error}");
                }
            }
        }
    }

    private static void CheckBody(SpecCheckContext context, Operation operation, PactMessage request)
    {
        var body = operation.RequestBody;
        if (request.BodyText is null)
        {
            if (body is { Required: true })
            {
                context.Add(PactMismatchKind.MissingRequestBody, "/request/body", $"{operation.Method} {operation.Path} requires a request body");
            }

            return;
        }

        if (body is null || body.Content.Count == 0)
        {
            context.Add(PactMismatchKind.UnexpectedRequestBody, "/request/body", $"{operation.Method} {operation.Path} takes no request body");
            return;
        }

        var mediaType = SpecCheckResponse.FindMediaType(body.Content, request.ContentType);
        if (mediaType is null)
        {
            context.Add(PactMismatchKind.UnsupportedMediaType, "/request/headers/Content-Type",
                $"request body of type {request.ContentType ?? "(none)"} is not accepted by {operation.Method} {operation.Path}; documented: {string.Join(", ", body.Content.Select(c => c.Name))}");
            return;
        }

        if (mediaType.Schema is not { } schema || request.Body is not { } json)
        {
            return;
        }

        foreach (var error in context.Document.Validator.Validate(schema, json, ValidationMode.Strict).Errors)
        {
            context.Add(PactMismatchKind.InvalidRequestBody, "/request/body" + error.InstancePointer, $"{error.Message} ({error.Keyword} of {SpecCheckContext.NameOf(schema)})");
        }

        SpecCheckBodies.FlagUndocumented(context, json, schema, "/request/body", "the provider may reject or ignore it");
    }
}
