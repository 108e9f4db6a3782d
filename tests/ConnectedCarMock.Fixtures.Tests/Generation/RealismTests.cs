using System.Globalization;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.Realism;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.Fixtures.Tests.Generation;

/// <summary>Generated values mean what their names say: VINs, Stellantis models, European roads, ordered times.</summary>
public class RealismTests
{
    private static readonly ResourceRenderer Renderer = new(new FleetWorld(Specs.Embedded, new WorldOptions { Size = 5 }));

    private static IEnumerable<JsonNode> Bodies(string operationId, int count = 30)
    {
        var operation = Specs.Embedded.GetOperation(operationId);
        var schema = operation.SuccessResponses.First().Content[0].Schema!;
        return Enumerable.Range(1, count).Select(seed => Renderer.Generator.Generate(schema, seed)!);
    }

    [Test]
    public void VINs_have_17_legal_characters_and_a_valid_check_digit()
    {
        var vins = Bodies("getVehicleByid").Select(b => b["vin"]!.GetValue<string>()).ToList();

        Assert.That(vins, Has.All.Matches<string>(Vin.IsValid));
        Assert.That(vins, Has.None.Contains('I').And.None.Contains('O').And.None.Contains('Q'));
        Assert.That(vins.Distinct().Count(), Is.EqualTo(vins.Count));
    }

    [Test]
    public void The_check_digit_rejects_a_changed_character()
    {
        var vin = Bodies("getVehicleByid", 1).Single()["vin"]!.GetValue<string>();
        var changed = vin[..12] + (vin[12] == '1' ? '2' : '1') + vin[13..];

        Assert.That(Vin.IsValid(changed), Is.False);
    }

    [Test]
    public void Brands_and_models_are_of_the_Stellantis_family_and_agree_with_the_VIN()
    {
        foreach (var capability in Bodies("getVehicleCapabilityByid"))
        {
            var model = Stellantis.Models.FirstOrDefault(m => m.Name == capability["model"]?.GetValue<string>());
            Assert.That(model, Is.Not.Null, capability.ToJsonString());
            Assert.That(capability["brand"]!.GetValue<string>(), Is.EqualTo(model!.Brand));
            Assert.That(capability["vin"]!.GetValue<string>()[..3], Is.EqualTo(model.Wmi));
        }
    }

    [Test]
    public void GeoJSON_positions_are_on_roads_in_Europe()
    {
        var positions = Bodies("getVehicleLastTelemetries").SelectMany(b => Coordinates(b)).ToList();

        Assert.That(positions, Is.Not.Empty);
        foreach (var (longitude, latitude) in positions)
        {
            Assert.That(longitude, Is.InRange(-10.0, 25.0));
            Assert.That(latitude, Is.InRange(36.0, 60.0));
            Assert.That(Roads.Points.Any(p => Math.Abs(p.Longitude - longitude) < 0.01 && Math.Abs(p.Latitude - latitude) < 0.01), Is.True, $"{longitude},{latitude} is near a known road");
        }
    }

    [Test]
    public void Created_and_started_times_never_follow_updated_and_stopped_times()
    {
        foreach (var trip in Bodies("getVehicleTripById").Concat(Bodies("getVehicleAlertsById")))
        {
            AssertOrdered(trip, "createdAt", "updatedAt");
            AssertOrdered(trip, "startedAt", "stoppedAt");
            AssertOrdered(trip, "startedAt", "endAt");
        }
    }

    [Test]
    public void Times_are_RFC_3339_in_UTC_before_the_pinned_reference_clock()
    {
        var reference = new GeneratorOptions().ReferenceTime;
        foreach (var trip in Bodies("getVehicleTripById"))
        {
            var text = trip["createdAt"]!.GetValue<string>();
            Assert.That(text, Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
            Assert.That(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(reference));
        }
    }

    [Test]
    public void Levels_are_percentages_and_mileages_plausible()
    {
        foreach (var trip in Bodies("getVehicleTripById"))
        {
            Assert.That(trip["startMileage"]!.GetValue<decimal>(), Is.InRange(1_000m, 180_000m));
            foreach (var energy in trip["startEnergies"]?.AsArray() ?? [])
            {
                Assert.That(energy!["level"]!.GetValue<decimal>(), Is.InRange(0m, 100m));
            }
        }
    }

    [Test]
    public void The_same_seed_gives_the_same_value_and_another_seed_another()
    {
        var schema = Specs.Embedded.GetOperation("getVehicleTripById").SuccessResponses.First().Content[0].Schema!;

        var a = Renderer.Generator.Generate(schema, 42)!.ToJsonString();
        var b = Renderer.Generator.Generate(schema, 42)!.ToJsonString();
        var c = Renderer.Generator.Generate(schema, 43)!.ToJsonString();

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void The_global_Bogus_seed_does_not_change_what_is_generated()
    {
        var schema = Specs.Embedded.GetOperation("getVehicleByid").SuccessResponses.First().Content[0].Schema!;
        var before = Renderer.Generator.Generate(schema, 7)!.ToJsonString();
        var saved = Bogus.Randomizer.Seed;
        try
        {
            Bogus.Randomizer.Seed = new Random(123456);
            Assert.That(Renderer.Generator.Generate(schema, 7)!.ToJsonString(), Is.EqualTo(before));
        }
        finally
        {
            Bogus.Randomizer.Seed = saved;
        }
    }

    private static void AssertOrdered(JsonNode body, string first, string second)
    {
        if (body[first] is JsonValue a && body[second] is JsonValue b)
        {
            Assert.That(DateTimeOffset.Parse(a.GetValue<string>(), CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(DateTimeOffset.Parse(b.GetValue<string>(), CultureInfo.InvariantCulture)), $"{first} <= {second}");
        }
    }

    private static IEnumerable<(double Longitude, double Latitude)> Coordinates(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["coordinates"] is JsonArray { Count: >= 2 } c && c[0] is JsonValue && c[1] is JsonValue)
                {
                    yield return (c[0]!.GetValue<double>(), c[1]!.GetValue<double>());
                }

                foreach (var inner in obj.Select(p => p.Value).SelectMany(Coordinates))
                {
                    yield return inner;
                }

                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(Coordinates))
                {
                    yield return inner;
                }

                break;
        }
    }
}
