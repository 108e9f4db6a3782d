using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;
using ConnectedCarMock.Schemas.Loading;

namespace ConnectedCarMock.Fixtures.Tests.Variation;

/// <summary>
/// The variation pass on generated bodies of every operation of both documents: a variation that
/// draws nothing writes the plain bytes, every reported pointer is exact, and a seed gives one body.
/// </summary>
public class VariationPassTests
{
    private const int Seeds = 10;
    private const string BaseUrl = "http://client.example:8080/api";

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void A_variation_that_draws_nothing_writes_the_plain_bytes(string spec, string operationId)
    {
        foreach (var (body, schema, document, seed) in Bodies(spec, operationId))
        {
            var template = VariationTemplate.Prepare(document, body, schema, BaseUrl);
            var (varied, report) = VariationPass.Vary(template, new VariationSettings(), seed);

            Assert.That(varied, Is.EqualTo(JsonBody.Serialize(body, BaseUrl)), $"seed {seed}");
            Assert.That(report.Pointers, Is.Empty);
        }
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void Every_reported_pointer_is_exact_and_nothing_else_changes(string spec, string operationId)
    {
        var settings = new VariationSettings { Missing = 0.5, Extra = 0.5, Enum = 0.5 };
        var (variants, changes) = (0, 0);
        foreach (var (body, schema, document, seed) in Bodies(spec, operationId))
        {
            var plain = JsonNode.Parse(JsonBody.Serialize(body, BaseUrl))!;
            var template = VariationTemplate.Prepare(document, body, schema, BaseUrl);
            var (bytes, report) = VariationPass.Vary(template, settings, seed);
            variants += template.Variants;
            changes += report.Removed.Count + report.Added.Count + report.EnumValues.Count;
            var varied = JsonNode.Parse(bytes)!;
            var expected = plain.DeepClone();
            Assert.That(report.Removed, Has.None.Match("/_links(/self)?$"), $"seed {seed}: HAL links and their self link are kept");
            foreach (var pointer in report.Removed)
            {
                Assert.That(Parent(expected, pointer, out var name).Remove(name), Is.True, $"seed {seed}: removed {pointer} was not in the plain body");
            }

            foreach (var pointer in report.EnumValues)
            {
                var parent = Parent(expected, pointer, out var name);
                Assert.That(parent.ContainsKey(name), $"seed {seed}: enum {pointer} is not in the plain body");
                parent[name] = Pointers.Resolve(varied, pointer)?.DeepClone();
                Assert.That(JsonNode.DeepEquals(parent[name], Pointers.Resolve(plain, pointer)), Is.False, $"seed {seed}: enum {pointer} kept its value");
            }

            foreach (var pointer in report.Added)
            {
                var parent = Parent(expected, pointer, out var name);
                Assert.That(parent.ContainsKey(name), Is.False, $"seed {seed}: added {pointer} was already there");
                parent[name] = Pointers.Resolve(varied, pointer)?.DeepClone();
            }

            // Applying exactly the reported changes to the plain body gives the varied body, property order aside.
            Assert.That(JsonNode.DeepEquals(Normalized(expected), Normalized(varied)), Is.True, $"seed {seed}: the body changed beyond {report.Pointers}");
        }

        Assert.That(changes, variants > 0 ? Is.Positive : Is.Zero, $"{variants} variants over {Seeds} seeds");
    }

    [TestCaseSource(typeof(OperationCases), nameof(OperationCases.OfBoth))]
    public void The_same_seed_gives_the_same_bytes(string spec, string operationId)
    {
        foreach (var (body, schema, document, seed) in Bodies(spec, operationId))
        {
            var settings = VariationSettings.Heavy;
            var first = VariationPass.Vary(VariationTemplate.Prepare(document, body, schema, BaseUrl), settings, seed).Body;
            var second = VariationPass.Vary(VariationTemplate.Prepare(document, body?.DeepClone(), schema, BaseUrl), settings, seed).Body;

            Assert.That(second, Is.EqualTo(first), $"seed {seed}");
        }
    }

    private static IEnumerable<(JsonNode? Body, Schema Schema, ApiDocument Document, int Seed)> Bodies(string spec, string operationId)
    {
        var document = Specs.ByName(spec);
        var generator = new PayloadGenerator(document);
        var schemas = OperationCases.Resolve(spec, operationId).SuccessResponses.SelectMany(r => r.Content).Select(m => m.Schema).OfType<Schema>().ToList();
        if (schemas.Count == 0)
        {
            Assert.Ignore($"{operationId} answers no body");
        }

        foreach (var schema in schemas)
        {
            for (var seed = 1; seed <= Seeds; seed++)
            {
                yield return (generator.Generate(schema, seed), schema, document, seed);
            }
        }
    }

    private static JsonObject Parent(JsonNode root, string pointer, out string name)
    {
        var tokens = Pointers.Tokens(pointer);
        name = tokens[^1];
        var parentPointer = pointer[..pointer.LastIndexOf('/')];
        return Pointers.Resolve(root, parentPointer) as JsonObject ?? throw new AssertionException($"{pointer}: no object at {parentPointer}");
    }

    private static JsonNode? Normalized(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalized(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalized).ToArray()),
        _ => node is null ? null : JsonNode.Parse(node.ToJsonString()),
    };
}
