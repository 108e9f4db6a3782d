using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.Tests.Corpus;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Validation;

/// <summary>
/// On documents the yes/no schemas were not written for (our two, the published pair, the 30 of the corpus): for
/// every JSON body schema of every operation and every component schema, strict and tolerant, a generated value
/// and mutations of it (values of another type, emptied, too long, a property removed or added, an item doubled)
/// get Json.Schema.Net's answer from the yes/no schema wherever one is compiled.
/// </summary>
public class FlagSchemaCorpusTests
{
    private const int Mutations = 24;

    public static IEnumerable<TestCaseData> Documents()
    {
        yield return new TestCaseData("ours").SetName("ours › connected-car-v2.yaml");
        yield return new TestCaseData("notifications").SetName("ours › connected-car-notification.yaml");
        yield return new TestCaseData("published").SetName("published › stellantis-connected-car-v2.yaml");
        yield return new TestCaseData("companion").SetName("published › companion document");
        foreach (var corpus in CorpusDocuments.Names())
        {
            yield return corpus;
        }
    }

    [TestCaseSource(nameof(Documents))]
    public void Answers_as_Json_Schema_Net(string name)
    {
        var document = Load(name);
        if (!Schemas(document).Any())
        {
            Assert.Ignore($"{name} declares no schema (no body schema, no component): nothing to compare");
        }

        var verdicts = new Verdicts(document);
        var generator = new PayloadGenerator(document);
        var refused = new List<string>();
        foreach (var schema in Schemas(document))
        {
            JsonNode? value;
            try
            {
                value = generator.Generate(schema, seed: 1);
            }
            catch (InvalidOperationException)
            {
                continue; // a schema that admits no value: its mutations would say nothing
            }

            var instances = Mutated(value).Prepend(value?.ToJsonString() ?? "null").ToList();
            foreach (var mode in new[] { ValidationMode.Strict, ValidationMode.Tolerant })
            {
                if (!verdicts.Compare(schema, mode, instances, schema.Pointer))
                {
                    refused.Add($"{schema.Pointer} ({mode}): {document.Validator.WhyNoFlagSchema(schema, mode)}");
                }
            }
        }

        TestContext.Out.WriteLine($"{name}: {verdicts.Compared} answers compared, {verdicts.LibraryThrew} the library threw on, {refused.Count} schema×mode answered by the library");
        foreach (var line in refused.Take(30))
        {
            TestContext.Out.WriteLine("  by the library: " + line);
        }

        Assert.That(verdicts.Disagreements, Is.Empty, string.Join(Environment.NewLine, verdicts.Disagreements.Take(20)));
        Assert.That(verdicts.Compared, Is.GreaterThan(0), "no schema of the document has a yes/no schema");
    }

    private static ApiDocument Load(string name)
    {
        switch (name)
        {
            case "ours":
                return SpecLoader.LoadEmbedded();
            case "notifications":
                return NotificationSpecs.Ours;
            case "published":
                return SpecLoader.LoadFile(TestPaths.RequirePublishedSpec());
            case "companion":
                return NotificationSpecs.Companion ?? throw new IgnoreException($"The companion document is not at {NotificationSpecs.CompanionPath}.");
            default:
                return CorpusDocuments.Require(name);
        }
    }

    private static IEnumerable<Schema> Schemas(ApiDocument document) =>
        document.Operations
            .SelectMany(o => o.Responses.SelectMany(r => r.Content).Concat(o.RequestBody?.Content ?? []))
            .Where(m => m.IsJson && m.Schema is not null)
            .Select(m => m.Schema!)
            .Concat(document.Schemas.Values)
            .DistinctBy(s => s.Pointer);

    /// <summary>Up to <see cref="Mutations"/> variants of the value, each changing one place, spread over its places.</summary>
    private static IEnumerable<string> Mutated(JsonNode? value)
    {
        var places = new List<JsonNode>();
        Collect(value, places);
        var variants = places.SelectMany((place, index) => Variants(place).Select(v => (index, v))).ToList();
        var step = Math.Max(1, variants.Count / Mutations);
        for (var i = 0; i < variants.Count; i += step)
        {
            var (index, variant) = variants[i];
            var copy = value!.DeepClone();
            var copies = new List<JsonNode>();
            Collect(copy, copies);
            var text = Replace(copy, copies[index], variant(copies[index]));
            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> places)
    {
        if (node is null)
        {
            return;
        }

        places.Add(node);
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            Collect(child, places);
        }
    }

    private static IEnumerable<Func<JsonNode, JsonNode?>> Variants(JsonNode node) => node switch
    {
        JsonObject => [n => Without(n.AsObject()), n => With(n.AsObject())],
        JsonArray => [_ => new JsonArray(), n => new JsonArray([.. n.AsArray().Select(i => i?.DeepClone()), n.AsArray().FirstOrDefault()?.DeepClone()])],
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [_ => 12345, _ => "", _ => new string('x', 300), _ => "not-a-date"],
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => [_ => "1", _ => -1, _ => 1.5, _ => JsonNode.Parse("1e30")],
        _ => [_ => "text", _ => null],
    };

    private static JsonObject Without(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy.Count > 0)
        {
            copy.RemoveAt(0);
        }

        return copy;
    }

    private static JsonObject With(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy["unexpectedProperty"] = 1;
        return copy;
    }

    /// <summary>The whole value as text with one place replaced (the root itself when it is the place).</summary>
    private static string? Replace(JsonNode root, JsonNode place, JsonNode? replacement)
    {
        if (ReferenceEquals(root, place))
        {
            return replacement?.ToJsonString() ?? "null";
        }

        switch (place.Parent)
        {
            case JsonObject parent:
                parent[place.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[place.GetElementIndex()] = replacement;
                break;
            default:
                return null;
        }

        return root.ToJsonString();
    }
}
