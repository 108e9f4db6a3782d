using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class RefKindTests
{
    private const string Text = Documents.Swagger2 + """
        paths:
          /cars:
            delete:
              produces: [application/json]
              responses:
                '204': { description: Gone, schema: { $ref: '#/responses/empty' } }
                '409': { description: Busy, schema: { $ref: '#/responses/problem' } }
        responses:
          empty: { description: Nothing }
          problem: { description: A problem, schema: { type: object, required: [reason], properties: { reason: { type: string } } } }
        """;

    [Test]
    public void A_schema_ref_to_a_response_becomes_the_response_schema_or_any_value()
    {
        var document = RepairHarness.Load(Text);

        var operation = document.Operations.Single();
        var conflict = operation.ResponseFor(409)!.Content.Single().Schema!;
        Assert.Multiple(() =>
        {
            Assert.That(document.Validator.Validate(conflict, "{}").IsValid, Is.False);
            Assert.That(document.Validator.Validate(operation.ResponseFor(204)!.Content.Single().Schema!, "[1, 2]").IsValid, Is.True);
            Assert.That(document.Warnings.Of("ref-kind").Select(w => w.Message), Is.EquivalentTo(new[]
            {
                "$ref '#/responses/empty' names a response, not a schema; the response has no schema, so any value is allowed",
                "$ref '#/responses/problem' names a response, not a schema; read as the response's schema",
            }));
            Assert.That(document.Warnings.Of("openapi-net"), Is.Empty);
        });
    }

    [Test]
    public void Without_the_repair_the_refs_are_left_unresolved()
    {
        var document = RepairHarness.LoadWithout<RefKind>(Text);

        Assert.That(document.Warnings.Of("openapi-net").Select(w => w.Message), Has.Some.Contains("does not point to an existing schema"));
    }
}
