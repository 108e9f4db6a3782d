using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class RefMissingSlashTests
{
    private const string Text = Documents.Oas30 + """
        paths:
          /cars:
            get:
              responses:
                '200':
                  description: Cars
                  content:
                    application/json:
                      schema: { $ref: '#components/schemas/Car' }
        components:
          schemas:
            Car: { type: object, properties: { plate: { type: string } } }
        """;

    [Test]
    public void A_ref_without_the_slash_after_the_hash_is_read_as_the_pointer_it_means()
    {
        var (root, warnings) = RepairHarness.Apply<RefMissingSlash>(Text);

        Assert.Multiple(() =>
        {
            Assert.That(root["paths"]!["/cars"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.ToString(), Is.EqualTo("#/components/schemas/Car"));
            Assert.That(warnings.Single().Message, Is.EqualTo("$ref '#components/schemas/Car' lacks the '/' after '#'; read as '#/components/schemas/Car'"));
        });
    }

    [Test]
    public void A_ref_that_resolves_neither_way_is_left_for_the_dangling_ref_error()
    {
        var text = Text.Replace("#components/schemas/Car", "#components/schemas/Bus", StringComparison.Ordinal);

        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.Load(text))!;

        Assert.That(error.Reason, Is.EqualTo("$ref '#components/schemas/Bus' points to nothing in the document"));
    }

    [Test]
    public void Without_the_repair_the_ref_points_to_nothing()
    {
        Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<RefMissingSlash>(Text));
    }
}
