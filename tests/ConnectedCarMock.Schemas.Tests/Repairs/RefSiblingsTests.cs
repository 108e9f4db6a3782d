using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class RefSiblingsTests
{
    private const string Components = """
        paths: {}
        components:
          schemas:
            Tip: { type: object, properties: { text: { type: string } } }
            Holder:
              type: object
              properties:
                tip: { $ref: '#/components/schemas/Tip', type: array, description: kept }
        """;

    [Test]
    public void Keys_next_to_a_schema_ref_are_dropped_in_OpenAPI_3_0_except_description()
    {
        var (root, warnings) = RepairHarness.Apply<RefSiblings>(Documents.Oas30 + Components);

        var tip = root["components"]!["schemas"]!["Holder"]!["properties"]!["tip"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(tip.Select(p => p.Key), Is.EquivalentTo(new[] { "$ref", "description" }));
            Assert.That(warnings.Single().Message, Is.EqualTo("removed 'type' next to $ref (ignored in OpenAPI 3.0)"));
        });
    }

    [Test]
    public void In_OpenAPI_3_1_keys_next_to_a_ref_apply_and_are_kept()
    {
        var (_, warnings) = RepairHarness.Apply<RefSiblings>(Documents.Oas31 + Components);

        Assert.That(warnings, Is.Empty);
    }
}
