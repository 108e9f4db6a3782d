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

    // The mock lays what clients sent over the unchecked first value and checks the whole once: that is only
    // the body a checked generation gives when the two agree byte for byte whenever the first value is valid.
    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void The_unchecked_first_value_is_the_generated_one_whenever_it_is_valid(string spec, string operationId)
    {
        var operation = OperationCases.Resolve(spec, operationId);
        var document = Specs.ByName(spec);
        var generator = new PayloadGenerator(document);
        var schemas = operation.SuccessResponses.SelectMany(r => r.Content).Select(m => m.Schema).OfType<Schema>().ToList();
        if (schemas.Count == 0)
        {
            Assert.Pass("the operation answers no body");
        }

        var compared = 0;
        foreach (var schema in schemas)
        {
            for (var seed = 1; seed <= Seeds; seed++)
            {
                var first = generator.Unchecked(schema, seed);
                if (document.Validator.IsValid(schema, first))
                {
                    Assert.That(generator.Generate(schema, seed)?.ToJsonString(), Is.EqualTo(first?.ToJsonString()), $"{schema.Pointer}, seed {seed}");
                    compared++;
                }
            }
        }

        // Some first values fail (the generator then tries again), but not most: else the single check never pays.
        Assert.That(compared, Is.GreaterThan(schemas.Count * Seeds / 2), "valid first values");
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
