using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Generation;

/// <summary>Valid by construction: every generated body validates in strict mode, for every operation of both documents.</summary>
public class PayloadGeneratorValidityTests
{
    private const int Seeds = 20;

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void Every_success_body_is_valid_in_strict_mode_for_many_seeds(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var document = Specs.ByName(spec);
        var generator = new PayloadGenerator(document);
        var failures = new List<string>();

        foreach (var media in operation.SuccessResponses.SelectMany(r => r.Content).Where(m => m.Schema is not null))
        {
            for (var seed = 1; seed <= Seeds; seed++)
            {
                var body = generator.Generate(media.Schema!, seed);
                var result = document.Validator.Validate(media.Schema!, body, ValidationMode.Strict);
                if (!result.IsValid)
                {
                    failures.Add($"seed {seed}: {result}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void Every_request_body_is_valid_in_strict_mode(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var document = Specs.ByName(spec);
        var generator = new PayloadGenerator(document, new GeneratorOptions { ForRequest = true });

        foreach (var media in operation.RequestBody?.Content.Where(m => m.Schema is not null) ?? [])
        {
            for (var seed = 1; seed <= 5; seed++)
            {
                var body = generator.Generate(media.Schema!, seed);
                Assert.That(document.Validator.Validate(media.Schema!, body).ToString(), Is.EqualTo("valid"), $"seed {seed}");
            }
        }
    }
}
