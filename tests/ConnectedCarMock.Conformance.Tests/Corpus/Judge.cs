using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// Judges one answer of the mock: a documented 2xx whose body the independent validator accepts. A failure is put
/// down to the payload generator (before issue 13) only when the generator is shown to be the cause: the request
/// body it made is invalid, it serves no valid value for the response schema on any of a few seeds, or the mock's
/// log shows the exception came from generation.
/// </summary>
internal sealed class Judge(ApiDocument document, IndependentValidator validator, ServingTally tally, ConcurrentQueue<string> log)
{
    private readonly PayloadGenerator _generator = new(document);

    /// <summary>True (recorded) when the generator cannot make a request body for the operation at all.</summary>
    public bool UngeneratableBody(CorpusRequests requests, Operation operation)
    {
        try
        {
            requests.BodyOf(operation);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or InsufficientExecutionStackException)
        {
            tally.GeneratorProblems.Enqueue($"{operation.Id}: no request body can be generated: {Clip(ex.Message)}");
            return true;
        }
    }

    public async Task<(bool Success, bool Valid)> SendAsync(HttpClient http, HttpRequestMessage request, Operation operation, CorpusRequests requests, string label)
    {
        using var owned = request;
        while (log.TryDequeue(out _))
        {
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var where = $"{operation.Id} ({label}): {request.Method} {request.RequestUri?.PathAndQuery}";
        var codes = operation.SuccessResponses.Select(r => r.Code).OfType<int>().ToList();
        if (!(codes.Count == 0 ? status is >= 200 and < 300 : codes.Contains(status)))
        {
            var generated = status == 400 && requests.BodyOf(operation) is ({ } json, { } schema) && validator.Problem(schema, json) is { } refused
                ? $"the generated request body is invalid ({Clip(refused)})"
                : body.Contains("admits no value", StringComparison.Ordinal) ? "the generator finds no value for the answer's schema"
                : log.Any(l => l.Contains("Fixtures.Generation", StringComparison.Ordinal)) ? "the generator threw: " + Clip(log.First(l => l.Contains("Exception", StringComparison.Ordinal)))
                : null;
            (generated is null ? tally.Problems : tally.GeneratorProblems).Enqueue($"{where} answered {status}: {Clip(body)}{(generated is null ? FirstLog() : "; " + generated)}");
            return (false, false);
        }

        var media = response.Content.Headers.ContentType?.MediaType;
        var documented = operation.ResponseFor(status)?.Content.FirstOrDefault(m => string.Equals(m.Name, media, StringComparison.OrdinalIgnoreCase))
            ?? operation.ResponseFor(status)?.Content.FirstOrDefault(m => m.IsJson);
        if (documented?.Schema is not { } responseSchema || !documented.IsJson || body.Length == 0)
        {
            return (true, true);
        }

        string? problem;
        try
        {
            problem = validator.Problem(responseSchema, body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            problem = "not JSON: " + ex.Message;
        }

        if (problem is null)
        {
            return (true, true);
        }

        var cause = GeneratorInvalid(responseSchema);
        (cause is null ? tally.Problems : tally.GeneratorProblems).Enqueue($"{where}: {status} body invalid against {responseSchema.Pointer}: {Clip(problem)}{(cause is null ? string.Empty : "; " + cause)}");
        return (true, false);
    }

    /// <summary>Why the generator is the cause: a seed whose value the independent validator refuses; null when all were valid.</summary>
    private string? GeneratorInvalid(Schema schema)
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            try
            {
                if (validator.Problem(schema, _generator.Generate(schema, seed)?.ToJsonString() ?? "null") is { } problem)
                {
                    return $"the generator's own value for seed {seed} is invalid too ({Clip(problem)})";
                }
            }
            catch (InvalidOperationException ex)
            {
                return "the generator finds no value: " + Clip(ex.Message);
            }
        }

        return null;
    }

    private string FirstLog() => log.FirstOrDefault(l => l.Contains(" 500 ", StringComparison.Ordinal)) is { } line ? " [log: " + Clip(line) + "]" : string.Empty;

    private static string Clip(string text) => text.Length > 240 ? text[..240] + "…" : text;
}
