using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// Tells a failure of the runner's run that the payload generator before issue 13 causes (a request body it made
/// that the document refuses, a schema it serves no valid value for) from one of the mock's or the runner's own,
/// as <see cref="Judge"/> does for the serving test. Only a proven cause counts.
/// </summary>
internal sealed class RunnerJudge(ApiDocument document)
{
    private readonly IndependentValidator _validator = new(document);
    private readonly PayloadGenerator _responses = new(document);
    private readonly PayloadGenerator _requests = new(document, new GeneratorOptions { ForRequest = true });

    public string? GeneratorCause(CaseResult result)
    {
        var operation = document.FindOperation(result.OperationId);
        if (operation is null)
        {
            return null;
        }

        var text = result.Message + " " + string.Join(" ", result.Exchanges.Select(e => e.ToString()));
        if (text.Contains("admits no value", StringComparison.Ordinal) || (text.Contains("→ 500", StringComparison.Ordinal) && Ungeneratable(operation)))
        {
            return "the generator finds no value for a schema";
        }

        if (text.Contains("request body is invalid", StringComparison.Ordinal))
        {
            // The body the runner sent for this operation, or for the create operation it used to make an item.
            foreach (var candidate in document.Operations.Where(o => o == operation || (o.Method == "POST" && text.Contains(o.Path.Split('{')[0].TrimEnd('/'), StringComparison.Ordinal))))
            {
                if (candidate.RequestBody?.Content.FirstOrDefault(m => m.IsJson && m.Schema is not null)?.Schema is { } schema
                    && _validator.Problem(schema, _requests.Generate(schema, 1)?.ToJsonString() ?? "null") is { } problem)
                {
                    return $"the generated request body of {candidate.Id} is invalid ({problem})";
                }
            }
        }

        if (result.CheckId is "response.schema-tolerant" && result.Outcome == CaseOutcome.Failed && !result.Message.Contains("expected", StringComparison.Ordinal))
        {
            foreach (var schema in operation.SuccessResponses.SelectMany(r => r.Content).Where(m => m.IsJson && m.Schema is not null).Select(m => m.Schema!))
            {
                for (var seed = 1; seed <= 5; seed++)
                {
                    if (_validator.Problem(schema, _responses.Generate(schema, seed)?.ToJsonString() ?? "null") is { } problem)
                    {
                        return $"the generator's own value for seed {seed} is invalid ({problem})";
                    }
                }
            }
        }

        return null;
    }

    private bool Ungeneratable(Operation operation)
    {
        foreach (var schema in operation.SuccessResponses.SelectMany(r => r.Content).Where(m => m.Schema is not null).Select(m => m.Schema!))
        {
            try
            {
                _responses.Generate(schema, 1);
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        return false;
    }
}
