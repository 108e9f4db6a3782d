using System.Globalization;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Variation;

/// <summary>Sweep mode: every single-field variant of an answer, numbered, so a test can loop over all of them.</summary>
public class SweepTests
{
    [TestCase("getVehicleByid")]
    [TestCase("getVehicleLastTelemetries")]
    [TestCase("getVehicleTrips")]
    public async Task The_variants_are_the_optional_properties_plus_the_objects_and_each_differs_in_one_place(string operationId)
    {
        await using var mock = await RunningMock.StartAsync();
        var operation = mock.Document.GetOperation(operationId);
        var schema = operation.SuccessResponses.First().Content[0].Schema!;
        var plain = JsonNode.Parse((await mock.SendAsync(mock.RequestFor(operation))).Body)!;
        var (optional, objects) = Count(mock.Document, plain, mock.Document.View(schema), string.Empty);

        var first = mock.RequestFor(operation);
        first.Headers.Add(RequestPipeline.VariationHeader, "sweep=0");
        var total = int.Parse((await mock.SendAsync(first)).Response.Headers.GetValues(RequestPipeline.VariationVariantsHeader).Single(), CultureInfo.InvariantCulture);

        Assert.That(total, Is.EqualTo(optional + objects));
        for (var n = 0; n < total; n++)
        {
            var request = mock.RequestFor(operation);
            request.Headers.Add(RequestPipeline.VariationHeader, $"sweep={n}");
            var variant = JsonNode.Parse((await mock.SendAsync(request)).Body)!;
            var differences = Differences(plain, variant, string.Empty).ToList();
            Assert.That(differences, Has.Count.EqualTo(1), $"variant {n}: {string.Join(", ", differences)}");
        }

        var beyond = mock.RequestFor(operation);
        beyond.Headers.Add(RequestPipeline.VariationHeader, $"sweep={total}");
        Assert.That((await mock.SendAsync(beyond)).Status, Is.EqualTo(400));
    }

    /// <summary>Optional declared properties present (besides _links and _links.self) and objects, counted from the schema.</summary>
    private static (int Optional, int Objects) Count(ApiDocument document, JsonNode? node, SchemaView view, string pointer)
    {
        var optional = 0;
        var objects = 0;
        if (node is JsonObject obj && view.OneOf.Count == 0 && view.AnyOf.Count == 0)
        {
            if (view.Properties.Count > 0 || view.AdditionalPropertiesSchema is null)
            {
                objects++;
            }

            foreach (var (name, value) in obj)
            {
                if (view.Property(name) is not { } property)
                {
                    continue;
                }

                var isSelf = name == "self" && pointer.EndsWith("/_links", StringComparison.Ordinal);
                optional += !property.Required && name != "_links" && !isSelf ? 1 : 0;
                var (o, c) = Count(document, value, document.View(property.Schema), pointer + "/" + name);
                optional += o;
                objects += c;
            }
        }
        else if (node is JsonArray array && view.Items is { } items)
        {
            foreach (var item in array)
            {
                var (o, c) = Count(document, item, document.View(items), pointer + "/i");
                optional += o;
                objects += c;
            }
        }

        return (optional, objects);
    }

    /// <summary>Where two bodies differ: a property only in one of them, or a different scalar.</summary>
    private static IEnumerable<string> Differences(JsonNode? a, JsonNode? b, string pointer)
    {
        if (a is JsonObject x && b is JsonObject y)
        {
            foreach (var (name, value) in x)
            {
                if (!y.ContainsKey(name))
                {
                    yield return "-" + pointer + "/" + name;
                }
                else
                {
                    foreach (var d in Differences(value, y[name], pointer + "/" + name))
                    {
                        yield return d;
                    }
                }
            }

            foreach (var name in y.Select(p => p.Key).Where(k => !x.ContainsKey(k)))
            {
                yield return "+" + pointer + "/" + name;
            }
        }
        else if (a is JsonArray p && b is JsonArray q && p.Count == q.Count)
        {
            for (var i = 0; i < p.Count; i++)
            {
                foreach (var d in Differences(p[i], q[i], $"{pointer}/{i}"))
                {
                    yield return d;
                }
            }
        }
        else if (!JsonNode.DeepEquals(a, b))
        {
            yield return "~" + pointer;
        }
    }
}
