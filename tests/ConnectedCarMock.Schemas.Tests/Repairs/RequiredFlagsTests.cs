using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Repairs;

public class RequiredFlagsTests
{
    private const string Text = Documents.Swagger2 + """
        paths:
          /cars:
            get:
              produces: [application/json]
              responses:
                '200': { description: A car, schema: { $ref: '#/definitions/Car' } }
        definitions:
          Car:
            type: object
            required: [vin]
            properties:
              vin: { type: string }
              plate: { type: string, required: true }
              colour: { type: string, required: false }
        """;

    [Test]
    public void Required_flags_on_properties_move_to_the_object_required_list()
    {
        var document = RepairHarness.Load(Text);

        var car = document.Schemas["Car"];
        Assert.Multiple(() =>
        {
            Assert.That(car.Json.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "vin", "plate" }));
            Assert.That(document.Validator.Validate(car, """{"vin":"V"}""").IsValid, Is.False);
            Assert.That(document.Warnings.Of("required-flag"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Without_the_repair_the_reader_refuses_the_flag()
    {
        var error = Assert.Throws<SpecLoadException>(() => RepairHarness.LoadWithout<RequiredFlags>(Text))!;

        Assert.That(error.Reason, Does.Contain("Expected list"));
    }
}
