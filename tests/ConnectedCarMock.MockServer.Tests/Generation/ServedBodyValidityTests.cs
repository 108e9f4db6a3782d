using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Generation;

/// <summary>
/// Measured over the running server: for every operation of both documents and 20 seeds, the
/// documented success status with a body valid in strict mode. 100% or the test fails.
/// </summary>
public class ServedBodyValidityTests
{
    private const int Seeds = 20;

    public static IEnumerable<TestCaseData> Documents() => Specs.Names.Select(n => new TestCaseData(n).SetName($"served bodies › {n}"));

    [TestCaseSource(nameof(Documents))]
    public async Task Every_operation_answers_its_documented_status_with_a_strictly_valid_body_for_20_seeds(string spec)
    {
        var document = Specs.ByName(spec);
        var failures = new List<string>();
        var checkedBodies = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            await using var mock = await RunningMock.StartAsync(spec, seed);
            // Deletes last: the mock keeps state, and a deleted monitor rightly answers 404 afterwards.
            foreach (var operation in document.Operations.OrderBy(o => o.Method == "DELETE"))
            {
                var (status, contentType, body, _) = await mock.SendAsync(mock.RequestFor(operation, seed));
                var expected = operation.SuccessResponses.First();
                if (status != expected.Code)
                {
                    failures.Add($"seed {seed} {operation.Id}: status {status}, expected {expected.Status}: {body}");
                    continue;
                }

                var media = expected.Content.FirstOrDefault();
                if (media?.Schema is null)
                {
                    continue;
                }

                checkedBodies++;
                if (contentType != media.Name)
                {
                    failures.Add($"seed {seed} {operation.Id}: content type {contentType}, expected {media.Name}");
                }

                var result = document.Validator.Validate(media.Schema, body, ValidationMode.Strict);
                if (!result.IsValid)
                {
                    failures.Add($"seed {seed} {operation.Id}: {result}");
                }
            }
        }

        TestContext.Out.WriteLine($"{spec}: {checkedBodies} bodies validated over {Seeds} seeds, {failures.Count} failures");
        Assert.That(failures, Is.Empty);
        Assert.That(checkedBodies, Is.GreaterThanOrEqualTo(document.Operations.Count(o => o.SuccessResponses.First().Content.Count > 0) * Seeds));
    }
}
