using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>Media-type keys with a trailing space (<c>'application/hal+json '</c>, 3 in the published document) are trimmed.</summary>
internal sealed class MediaTypeWhitespace : NodeRepair
{
    public const string Duplicate = "media-type-duplicate";

    public override string Code => "media-type-whitespace";

    public override string Summary => "trims whitespace around media-type keys of content maps, dropping a padded key whose trimmed form is also listed";

    public override IReadOnlyList<string> Codes => [Code, Duplicate];

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (at.ParentKey != "content")
        {
            return;
        }

        foreach (var key in node.Select(p => p.Key).Where(k => k.Trim() != k).ToList())
        {
            var value = node[key];
            node.Remove(key);
            var trimmed = key.Trim();
            if (node.ContainsKey(trimmed))
            {
                context.Report(Duplicate, Pointers.Append(at.Pointer, key), $"dropped media type '{key}': '{trimmed}' is also listed");
                continue;
            }

            node[trimmed] = value;
            context.Report(this, Pointers.Append(at.Pointer, key), $"trimmed media type '{key}' to '{trimmed}'");
        }
    }
}
