using ConnectedCarMock.MockServer.Pipeline;

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
        var model = new ErrorModel(document);
        var validator = new IndependentValidator(document);
        var checkedBodies = 0;
        var problems = new List<string>();
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

                problems.Add($"{operation.Id} {status}: {problem} — {answer.BodyText}");
            }
        }

        TestContext.Out.WriteLine($"{file}: {checkedBodies} error bodies checked, {problems.Count} invalid");
        foreach (var line in problems.Take(20))
        {
            TestContext.Out.WriteLine("  " + line);
        }

        Assert.That(problems, Is.Empty);
    }
}
