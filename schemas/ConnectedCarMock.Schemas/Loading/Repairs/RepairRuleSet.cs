using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// The registry of document repairs, in the order they run: text repairs before parsing, document
/// repairs on the parsed tree, then one walk that offers every object to the node repairs.
/// A repair left out makes the loader strict about its quirk (OpenAPI.NET's own rules then apply).
/// </summary>
internal sealed class RepairRuleSet
{
    public RepairRuleSet(IEnumerable<RepairRule> rules)
    {
        Rules = rules.ToList();
        _nodeRepairs = Rules.OfType<NodeRepair>().ToArray();
    }

    private readonly NodeRepair[] _nodeRepairs;

    public static RepairRuleSet Default { get; } = new(
    [
        new Latin1Encoding(),
        new TrailingWhitespace(),
        new TabIndentation(),
        new DuplicateKeys(),
        new ScopesFromComments(),
        new NullValues(),
        new RefMissingSlash(),
        new RefEncoding(),
        new ExternalRefs(),
        new ComponentKeys(),
        new InlineRefs(),
        new RefKind(),
        new ServerUrls(),
        new ServerVariableDefaults(),
        new DuplicateOperationIds(),
        new DuplicatePathSignatures(),
        new MediaTypeWhitespace(),
        new ResponseDescription(),
        new RefSiblings(),
        new ExampleType(),
        new ExclusiveBounds(),
        new TypeList(),
        new BooleanStrings(),
        new BooleanSchemas(),
        new NumberStrings(),
        new RequiredFlags(),
    ]);

    public IReadOnlyList<RepairRule> Rules { get; }

    /// <summary>The rule of a type, or null when this set leaves it out.</summary>
    public T? Find<T>()
        where T : RepairRule => Rules.OfType<T>().FirstOrDefault();

    /// <summary>Names of OpenAPI.NET validation rules that the repairs of this set take over.</summary>
    public IEnumerable<string> Superseded => Rules.SelectMany(r => r.Supersedes).Distinct(StringComparer.Ordinal);

    public string ApplyText(string text, RepairContext context) =>
        Rules.OfType<TextRepair>().Aggregate(text, (current, rule) => rule.Apply(current, context));

    public void ApplyDocument(JsonObject root, RepairContext context)
    {
        foreach (var rule in Rules.OfType<DocumentRepair>())
        {
            rule.Apply(root, context);
        }

        if (_nodeRepairs.Length > 0)
        {
            Walk(root, string.Empty, null, NodeKind.Other, context);
        }
    }

    private void Walk(JsonNode? node, string pointer, string? parentKey, NodeKind kind, RepairContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                var at = new NodePosition(pointer, parentKey, kind);
                foreach (var rule in _nodeRepairs)
                {
                    rule.Visit(obj, at, context);
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (SchemaPositions.IsData(kind, key) || (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal)))
                    {
                        continue; // data is not structure; root vendor sections are templates, repaired where inlined
                    }

                    Walk(child, Pointers.Append(pointer, key), key, SchemaPositions.Child(kind, key, pointer.Length == 0), context);
                }

                break;
            case JsonArray array:
                var itemKey = parentKey is "allOf" or "oneOf" or "anyOf" or "prefixItems" ? "schema-list" : null;
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], Pointers.Append(pointer, i), itemKey, SchemaPositions.Item(kind), context);
                }

                break;
        }
    }
}
