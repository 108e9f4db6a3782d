using System.Globalization;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Pact;

/// <summary>
/// The response side: the status must be documented for the operation, the media type must be the
/// documented one, and the body must fit the schema under the tolerant-reader rules.
/// </summary>
internal static class SpecCheckResponse
{
    public static void Check(SpecCheckContext context, ResolvedOperation resolved)
    {
        var operation = resolved.Operation;
        var interaction = context.Interaction;
        var pactResponse = interaction.Response;
        if (Documented(operation, interaction.Status, pactResponse.Rules) is not { } response)
        {
            var listed = string.Join(", ", operation.Responses.Select(r => r.Status));
            context.Add(PactMismatchKind.UndocumentedStatus, "/response/status",
                $"status {interaction.Status} is not documented for {operation.Method} {operation.Path} ({operation.Id}); documented: {listed}");
            return;
        }

        if (pactResponse.BodyText is null)
        {
            return;
        }

        if (response.Content.Count == 0)
        {
            context.Add(PactMismatchKind.UndocumentedResponseBody, "/response/body",
                $"the document describes no body for {response.Status} of {operation.Id}, but the consumer expects one");
            return;
        }

        var mediaType = FindMediaType(response.Content, pactResponse.ContentType);
        if (mediaType is null)
        {
            context.Add(PactMismatchKind.WrongMediaType, "/response/headers/Content-Type",
                $"{pactResponse.ContentType ?? "no media type"} is not documented for {response.Status} of {operation.Id}; documented: {string.Join(", ", response.Content.Select(c => c.Name))}");
            return;
        }

        SpecCheckRules.CheckMediaTypeRule(context, pactResponse, mediaType.Name);
        if (mediaType.Schema is not { } schema || pactResponse.Body is not { } body)
        {
            return;
        }

        foreach (var error in ExampleErrors(context.Document, schema, body))
        {
            context.Add(PactMismatchKind.InvalidResponseBody, "/response/body" + error.InstancePointer,
                $"{error.Message} ({error.Keyword} of {SpecCheckContext.NameOf(schema)})");
        }

        SpecCheckBodies.FlagUndocumented(context, body, schema, "/response/body", "the provider does not promise it");
        SpecCheckBodies.CheckMatchers(context, pactResponse.Rules, schema, "/response/body");
    }

    /// <summary>The entry of <paramref name="content"/> for a media type (parameters such as charset ignored; wildcards honoured).</summary>
    public static MediaType? FindMediaType(IReadOnlyList<MediaType> content, string? contentType)
    {
        var name = (contentType ?? "application/json").Split(';')[0].Trim();
        return content.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? content.FirstOrDefault(c => c.Name.EndsWith("/*", StringComparison.Ordinal) && name.StartsWith(c.Name[..^1], StringComparison.OrdinalIgnoreCase))
            ?? content.FirstOrDefault(c => c.Name == "*/*");
    }

    /// <summary>
    /// The documented response for the interaction's status. <c>default</c> stands for error statuses only
    /// when the operation lists its successes: a consumer expecting 200 where the document says 202 has a
    /// different contract, even though <c>default</c> formally covers every status. With a V4 status-code
    /// matcher (<c>WithAnySuccessStatus</c>) any documented status of the matcher's class will do.
    /// </summary>
    internal static Response? Documented(Operation operation, int status, MatchingRules rules)
    {
        var exact = operation.Responses.FirstOrDefault(r => r.Code == status)
            ?? operation.Responses.FirstOrDefault(r => r.Code is null && r.Status != "default" && r.Describes(status));
        if (exact is not null)
        {
            return exact;
        }

        var statusClass = rules.Category("status").Values.SelectMany(m => m).FirstOrDefault(m => m.Type == "statusCode");
        if (statusClass is not null)
        {
            var allowed = operation.Responses.Where(r => r.Code is { } code && Allows(statusClass, code)).OrderBy(r => r.Status, StringComparer.Ordinal).FirstOrDefault();
            if (allowed is not null)
            {
                return allowed;
            }
        }

        var listsNonErrors = operation.Responses.Any(r => r.Status != "default" && r.Status[0] is '1' or '2' or '3');
        return status < 400 && listsNonErrors ? null : operation.Responses.FirstOrDefault(r => r.Status == "default");
    }

    private static bool Allows(PactMatcher matcher, int code)
    {
        if (matcher.Json.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            return status.EnumerateArray().Any(s => s.TryGetInt32(out var c) && c == code);
        }

        return matcher.Text("status") switch
        {
            "information" => code is >= 100 and < 200,
            "success" => code is >= 200 and < 300,
            "redirect" => code is >= 300 and < 400,
            "clientError" => code is >= 400 and < 500,
            "serverError" => code is >= 500 and < 600,
            "nonError" => code < 400,
            "error" => code >= 400,
            var other => other == code.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Validation errors of a response example that matter. A consumer declares only the fields it reads,
    /// so a required property missing from the example is no error: the provider still sends it. A failed
    /// oneOf/anyOf is reported through the errors of its branches.
    /// </summary>
    private static IEnumerable<ValidationError> ExampleErrors(ApiDocument document, Schema schema, System.Text.Json.JsonElement body)
    {
        var errors = document.Validator.Validate(schema, body, ValidationMode.Tolerant).Errors;
        return errors.Where(e => e.Keyword is not ("required" or "oneOf" or "anyOf" or "allOf" or "$ref") && (e.Keyword != "schema" || errors.Count == 1));
    }
}
