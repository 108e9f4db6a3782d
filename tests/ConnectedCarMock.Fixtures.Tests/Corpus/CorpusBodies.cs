using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// Every body the generator writes for a document (every JSON response of every status and every JSON
/// request body, × seeds), checked by a validator the generator does not use (its own compiled schemas,
/// formats asserted) and by the closed-world rule (no undeclared property).
/// </summary>
internal static class CorpusBodies
{
    public const int Seeds = 20;

    public static BodyTally Check(ApiDocument document, int seeds = Seeds)
    {
        var separate = SchemaValidator.Separate(document);
        var responses = new PayloadGenerator(document);
        var requests = new PayloadGenerator(document, new GeneratorOptions { ForRequest = true });
        var tally = new BodyTally { Operations = document.Operations.Count };
        foreach (var operation in document.Operations)
        {
            var targets = operation.Responses.SelectMany(r => r.Content.Where(m => m.IsJson && m.Schema is not null).Select(m => (Where: $"{operation.Id} {r.Status} {m.Name}", m.Schema!, Generator: responses)))
                .Concat((operation.RequestBody?.Content ?? []).Where(m => m.IsJson && m.Schema is not null).Select(m => (Where: $"{operation.Id} request {m.Name}", m.Schema!, Generator: requests)))
                .DistinctBy(t => (t.Item2.Pointer, t.Generator));
            foreach (var (where, schema, generator) in targets)
            {
                for (var seed = 1; seed <= seeds; seed++)
                {
                    JsonNode? body;
                    try
                    {
                        body = generator.Generate(schema, seed);
                    }
                    catch (InvalidOperationException ex)
                    {
                        tally.Unsatisfiable.Add($"{where}: {ex.Message}");
                        break;
                    }

                    tally.Bodies++;
                    var strict = separate.Validate(schema, body, ValidationMode.Strict);
                    var closed = document.Validator.Validate(schema, body, ValidationMode.Closed);
                    if (strict.IsValid)
                    {
                        tally.Valid++;
                    }
                    else
                    {
                        tally.Failures.Add($"{where} seed {seed}: {strict}");
                    }

                    if (closed.IsValid)
                    {
                        tally.Closed++;
                    }
                    else
                    {
                        tally.Failures.Add($"{where} seed {seed} (closed world): {closed}");
                    }
                }
            }
        }

        return tally;
    }
}

internal sealed class BodyTally
{
    public int Operations { get; set; }

    public int Bodies { get; set; }

    public int Valid { get; set; }

    public int Closed { get; set; }

    public List<string> Failures { get; } = [];

    public List<string> Unsatisfiable { get; } = [];
}
