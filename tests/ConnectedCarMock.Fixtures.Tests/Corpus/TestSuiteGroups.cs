using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;
using Json.Schema;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>One group of the JSON-Schema-Test-Suite: a schema and instances the suite says are valid or not.</summary>
public sealed record TestSuiteGroup(string Draft, string File, string Description, string Schema, IReadOnlyList<(string Data, bool Valid)> Tests)
{
    public string Name => $"{Draft} › {File} › {Description}";

    internal SchemaDialect Dialect => Draft == "draft4" ? SchemaDialect.Draft4 : SchemaDialect.Draft202012;

    public bool AssertsFormat => File.StartsWith("optional/format/", StringComparison.Ordinal);

    /// <summary>
    /// The independent validators that judge this group, in order of preference: for 2020-12 Json.Schema.Net on the raw
    /// schema (formats asserted in the format files), then NJsonSchema; for draft 4 NJsonSchema (a draft 4 validator),
    /// then Json.Schema.Net's draft 6 dialect (draft 4 <c>id</c> spelt <c>$id</c>, as draft 6 does). Then both together
    /// (valid when both say so: each lets through invalid values the other catches, e.g. in formats), and, for patterns
    /// with long Unicode property names (<c>\p{Letter}</c>) that .NET's engine reads only short (<c>\p{L}</c>), Json.Schema.Net
    /// on the schema with those names spelt short. The first that agrees with the suite on every instance of the group judges it.
    /// </summary>
    private IEnumerable<(string Name, Func<string, bool> IsValid)> Validators()
    {
        var netDialect = Dialect == SchemaDialect.Draft4 ? Json.Schema.Dialect.Draft06 : Json.Schema.Dialect.Draft202012;
        (string Name, Func<string, bool> IsValid) net = (Dialect == SchemaDialect.Draft4 ? "Json.Schema.Net draft 6 (ids as $id)" : "Json.Schema.Net 2020-12", d => JsonSchemaNetValid(Schema, d, netDialect));
        (string Name, Func<string, bool> IsValid) nj = ("NJsonSchema", Draft4Valid);
        IEnumerable<(string, Func<string, bool>)> single = Dialect == SchemaDialect.Draft4 ? [nj, net] : [net, nj];
        return [.. single, ("both together", d => net.IsValid(d) && nj.IsValid(d)),
            ("Json.Schema.Net with Unicode property names spelt short", d => JsonSchemaNetValid(ShortPropertyNames(Schema), d, netDialect)),
            ("Json.Schema.Net with the RFC 3339/4122/3986 checkers of the tests", d => JsonSchemaNetValid(Schema, d, netDialect, RfcFormatRegistry.Value))];
    }

    // Formats judged by the checkers written from their RFCs (RfcFormats), in a registry of their own: the
    // validator the generator uses keeps Json.Schema.Net's global formats.
    private static readonly Lazy<FormatRegistry> RfcFormatRegistry = new(() =>
    {
        var registry = new FormatRegistry();
        registry.Register(new PredicateFormat("date-time", e => e.ValueKind != JsonValueKind.String || RfcFormats.IsDateTime(e.GetString()!)));
        registry.Register(new PredicateFormat("uuid", e => e.ValueKind != JsonValueKind.String || RfcFormats.IsUuid(e.GetString()!)));
        registry.Register(new PredicateFormat("uri", e => e.ValueKind != JsonValueKind.String || RfcFormats.IsUri(e.GetString()!)));
        return registry;
    });

    private static readonly (string Long, string Short)[] PropertyNames =
        [("Letter", "L"), ("Lowercase_Letter", "Ll"), ("Uppercase_Letter", "Lu"), ("Number", "N"), ("Decimal_Number", "Nd"), ("Punctuation", "P"), ("Symbol", "S"), ("Separator", "Z"), ("Mark", "M")];

    private static string ShortPropertyNames(string schema) =>
        PropertyNames.Aggregate(schema, (s, n) => s.Replace($"\\p{{{n.Long}}}", $"\\p{{{n.Short}}}", StringComparison.Ordinal).Replace($"\\P{{{n.Long}}}", $"\\P{{{n.Short}}}", StringComparison.Ordinal));

    /// <summary>The validator that agrees with the suite on every instance of the group, or why none does.</summary>
    public (Func<string, bool>? Judge, string? Why) Judge()
    {
        var reasons = new List<string>();
        foreach (var (name, isValid) in Validators())
        {
            try
            {
                var (data, valid) = Tests.FirstOrDefault(t => isValid(t.Data) != t.Valid);
                if (data is null)
                {
                    return (isValid, null);
                }

                reasons.Add($"{name} disagrees with the suite on {data} (the suite says {(valid ? "valid" : "invalid")})");
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                reasons.Add($"{name} cannot read the schema ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})");
            }
        }

        return (null, "no independent validator judges this group: " + string.Join("; ", reasons));
    }

    private bool JsonSchemaNetValid(string schemaJson, string data, Json.Schema.Dialect dialect, FormatRegistry? formats = null)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = dialect };
        var root = JsonNode.Parse(schemaJson)!;
        if (dialect != Json.Schema.Dialect.Draft202012 && DraftFourIds(root) is JsonObject obj)
        {
            obj.Remove("$schema");
            root = new JsonObject([KeyValuePair.Create<string, JsonNode?>("$schema", "http://json-schema.org/draft-06/schema#"), .. obj.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);
        }

        var schema = JsonSchema.Build(JsonDocument.Parse(root.ToJsonString()).RootElement.Clone(), options, new Uri($"https://suite.invalid/{Guid.NewGuid():N}/schema.json"));
        using var instance = JsonDocument.Parse(data);
        var evaluation = new EvaluationOptions { RequireFormatValidation = AssertsFormat };
        if (formats is not null)
        {
            evaluation.FormatRegistry = formats;
        }

        return schema.Evaluate(instance.RootElement, evaluation).IsValid;
    }

    // Draft 6 spells draft 4's "id" "$id" (same meaning, plain-name fragments included); data keywords hold no ids.
    // Keys keep their places: Json.Schema.Net reads "$schema" and "$id" before the keywords that follow them.
    private static JsonNode? DraftFourIds(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(
            p.Key == "id" && p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && !obj.ContainsKey("$id") ? "$id" : p.Key,
            p.Key is "enum" or "const" or "default" or "examples" ? p.Value?.DeepClone() : DraftFourIds(p.Value)))),
        JsonArray array => new JsonArray(array.Select(DraftFourIds).ToArray()),
        _ => node?.DeepClone(),
    };

    private bool Draft4Valid(string data)
    {
        var schema = NJsonSchema.JsonSchema.FromJsonAsync(Schema).GetAwaiter().GetResult();
        return schema.Validate(data).Count == 0;
    }
}

/// <summary>The suite's groups that have a valid instance, per draft, with the ones the generator is not held to and why.</summary>
internal static class TestSuiteGroups
{
    public static readonly string[] Drafts = ["draft2020-12", "draft4"];

    /// <summary>Groups that cannot be checked here, by file and description, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ignored = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["draft2020-12/not.json/collect annotations inside a 'not', even if collection is disabled"] =
            "its only valid values are objects holding a property no keyword declares; by design the generator writes no undeclared property",
    };

    /// <param name="everyGroup">Also the groups whose instances are all invalid (what a validator is held to, not the generator).</param>
    public static IEnumerable<TestSuiteGroup> Of(string draft, bool everyGroup = false)
    {
        var folder = Path.Combine(CorpusDocuments.TestSuite, draft);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(folder, path).Replace('\\', '/');
            foreach (var group in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            {
                var tests = group!["tests"]!.AsArray().Select(t => (t!["data"]?.ToJsonString() ?? "null", t["valid"]!.GetValue<bool>())).ToList();
                if (everyGroup || tests.Any(t => t.Item2))
                {
                    yield return new TestSuiteGroup(draft, file, group["description"]!.GetValue<string>(), group["schema"]!.ToJsonString(), tests);
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> Cases() => CasesOf(everyGroup: false);

    public static IEnumerable<TestCaseData> EveryCase() => CasesOf(everyGroup: true);

    private static IEnumerable<TestCaseData> CasesOf(bool everyGroup)
    {
        if (!Directory.Exists(CorpusDocuments.TestSuite))
        {
            yield return new TestCaseData(null).SetName("suite › (absent: skipped)");
            yield break;
        }

        foreach (var group in Drafts.SelectMany(d => Of(d, everyGroup)))
        {
            yield return new TestCaseData(group).SetName(group.Name);
        }
    }

    /// <summary>Why a group is not held against the generator; null when it is.</summary>
    public static string? WhyIgnored(TestSuiteGroup group)
    {
        if (Ignored.TryGetValue($"{group.Draft}/{group.File}/{group.Description}", out var reason))
        {
            return reason;
        }

        // The 2020-12 (and 2019-09, 7, 6) meta-schemas are built into Json.Schema.Net, which both the generator and the
        // judge read them from; draft 4's is not, NJsonSchema would fetch it, and the suite's folder does not hold it.
        if (group.Schema.Contains("\"$ref\":\"http://json-schema.org/draft-04/schema", StringComparison.Ordinal))
        {
            return "a reference to draft 4's official meta-schema, a remote document no library here holds a copy of "
                + "(Json.Schema.Net ships 2019-09, 2020-12, 6 and 7; NJsonSchema fetches it; the suite's folder does not hold it): nothing is fetched here";
        }

        return null;
    }
}
