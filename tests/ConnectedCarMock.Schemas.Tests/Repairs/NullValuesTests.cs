using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class NullValuesTests
{
    [Test]
    public void Keys_without_a_value_are_removed_but_null_data_is_kept()
    {
        var (root, warnings) = RepairHarness.Apply<NullValues>(Documents.Oas30 + """
            paths: {}
            components:
              schemas:
                Car:
                  allOf:
                  type: object
                  properties:
                    plate: { type: string, nullable: true, example: null, enum: [AB-123, null] }
            """);

        var car = root["components"]!["schemas"]!["Car"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(car.ContainsKey("allOf"), Is.False);
            Assert.That(car["properties"]!["plate"]!.AsObject().ContainsKey("example"), Is.True);
            Assert.That(car["properties"]!["plate"]!["enum"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(warnings.Single().Location, Is.EqualTo("/components/schemas/Car/allOf"));
            Assert.That(warnings.Single().Message, Is.EqualTo("removed key 'allOf' that has no value"));
        });
    }
}
