using System.Collections.Concurrent;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// Judges one answer of the mock: a documented 2xx whose body the independent validator accepts. Every other answer
/// is a problem of the mock's (its payload generator included); the message says what the mock's log adds.
/// </summary>
internal sealed class Judge(IndependentValidator validator, ServingTally tally, ConcurrentQueue<string> log)
{
    /// <summary>True (recorded as a problem) when no request body can be made for the operation at all.</summary>
    public bool UngeneratableBody(CorpusRequests requests, Operation operation)
    {
        try
        {
            requests.BodyOf(operation);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or InsufficientExecutionStackException)
        {
            tally.Problems.Enqueue($"{operation.Id}: no request body can be generated: {Clip(ex.Message)}");
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
            var refused = status == 400 && requests.BodyOf(operation) is ({ } json, { } schema) && validator.Problem(schema, json) is { } problem
                ? $"; the request body made for it is invalid ({Clip(problem)})"
                : string.Empty;
            tally.Problems.Enqueue($"{where} answered {status}: {Clip(body)}{refused}{FirstLog()}");
            return (false, false);
        }

        var media = response.Content.Headers.ContentType?.MediaType;
        var documented = operation.ResponseFor(status)?.Content.FirstOrDefault(m => string.Equals(m.Name, media, StringComparison.OrdinalIgnoreCase))
            ?? operation.ResponseFor(status)?.Content.FirstOrDefault(m => m.IsJson);
        if (documented?.Schema is not { } responseSchema || !documented.IsJson || body.Length == 0)
        {
            return (true, true);
        }

        string? invalid;
        try
        {
            invalid = validator.Problem(responseSchema, body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            invalid = "not JSON: " + ex.Message;
        }

        if (invalid is null)
        {
            return (true, true);
        }

        tally.Problems.Enqueue($"{where}: {status} body invalid against {responseSchema.Pointer}: {Clip(invalid)}");
        return (true, false);
    }

    private string FirstLog() => log.FirstOrDefault(l => l.Contains(" 500 ", StringComparison.Ordinal)) is { } line ? " [log: " + Clip(line) + "]" : string.Empty;

    private static string Clip(string text) => text.Length > 240 ? text[..240] + "…" : text;
}
