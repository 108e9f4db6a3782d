using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class MediaTypeWhitespaceTests
{
    [Test]
    public void Padded_media_types_are_trimmed_and_a_padded_duplicate_dropped()
    {
        var (root, warnings) = RepairHarness.Apply<MediaTypeWhitespace>(Documents.Oas30 + """
            paths:
              /cars:
                get:
                  responses:
                    '200':
                      description: Cars
                      content:
                        'application/hal+json ': { schema: { type: object } }
                        'application/json': { schema: { type: object } }
                        ' application/json': { schema: { type: array } }
            """);

        var content = root["paths"]!["/cars"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(content.Select(p => p.Key), Is.EquivalentTo(new[] { "application/hal+json", "application/json" }));
            Assert.That(content["application/json"]!["schema"]!["type"]!.ToString(), Is.EqualTo("object"));
            Assert.That(warnings.Select(w => w.Code), Is.EquivalentTo(new[] { "media-type-whitespace", "media-type-duplicate" }));
        });
    }

    [Test]
    public void A_property_called_content_is_not_a_content_map()
    {
        var (_, warnings) = RepairHarness.Apply<MediaTypeWhitespace>(Documents.Oas30 + """
            paths: {}
            components:
              schemas:
                Note: { type: object, properties: { content: { type: object, properties: { ' padded ': { type: string } } } } }
            """);

        Assert.That(warnings, Is.Empty);
    }
}
