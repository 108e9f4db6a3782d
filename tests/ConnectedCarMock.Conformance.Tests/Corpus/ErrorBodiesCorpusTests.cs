using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// Error bodies in the document's own model, valid against it: every operation × every error status it declares
/// (and default) of every loadable corpus document and of our two, judged by the independent validator.
/// </summary>
public class ErrorBodiesCorpusTests
{
    public static IEnumerable<TestCaseData> Documents() =>
        CorpusFiles.Cases("every declared error body is valid").Concat(Specs.Names.Select(s => new TestCaseData("spec:" + s).SetName($"every declared error body is valid › {s}")));

    [TestCaseSource(nameof(Documents))]
    public void Every_declared_error_status_gets_a_valid_body_in_the_documents_model(string file)
    {
        var document = file.StartsWith("spec:", StringComparison.Ordinal) ? Specs.ByName(file[5..]) : CorpusFiles.Require(file);
        if (CorpusFiles.GeneratorCrashes.TryGetValue(file, out var crash))
        {
            Assert.Ignore(crash);
        }

        var model = new ErrorModel(document);
        var validator = new IndependentValidator(document);
        var generator = new PayloadGenerator(document);
        var checkedBodies = 0;
        var problems = new List<string>();
        var generatorProblems = new List<string>();
        foreach (var operation in document.Operations)
        {
            var statuses = operation.Responses.Select(r => r.Code ?? (r.Status == "default" ? 500 : (r.Status[0] - '0') * 100)).Where(s => s >= 400).Distinct();
            foreach (var status in statuses)
            {
                if (ErrorModel.Declared(operation, status) is not { IsJson: true, Schema: { } schema })
                {
                    continue;
                }

                var answer = model.Shape(operation, ErrorBodies.Create(status, "SOME_ERROR", "what went wrong, said by the mock"));
                checkedBodies++;
                if (validator.Problem(schema, answer.BodyText) is not { } problem)
                {
                    continue;
                }

                if (Ungeneratable(generator, schema) is { } unsatisfiable)
                {
                    generatorProblems.Add($"{operation.Id} {status}: the generator finds no value ({unsatisfiable})");
                    continue;
                }

                // The generator's own value for the schema, when invalid too, puts the failure down to it (issue 13).
                string? own;
                try
                {
                    own = validator.Problem(schema, generator.Generate(schema, StableSeed.Of(status, "error", schema.Pointer))?.ToJsonString() ?? "null");
                }
                catch (InvalidOperationException ex)
                {
                    own = ex.Message;
                }

                (own is null ? problems : generatorProblems).Add($"{operation.Id} {status}: {problem} — {answer.BodyText}");
            }
        }

        TestContext.Out.WriteLine($"{file}: {checkedBodies} error bodies checked, {problems.Count} invalid, {generatorProblems.Count} invalid because the generator's own value is");
        foreach (var line in problems.Concat(generatorProblems.Select(g => "generator: " + g)).Take(20))
        {
            TestContext.Out.WriteLine("  " + line);
        }

        Assert.That(problems, Is.Empty);
    }

    private static string? Ungeneratable(PayloadGenerator generator, Schema schema)
    {
        try
        {
            generator.Generate(schema, 1);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }
}
