using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// OpenAPI.NET resolves <c>$ref</c>s only to whole components. Refs into vendor sections (the published
/// document's path items are <c>$ref: '#/x-fragment/...'</c>), into <c>#/paths/...</c>, or inside a
/// component (<c>#/components/schemas/Company/properties/id</c>, which crashed OpenAPI.NET) are inlined
/// by JSON pointer, the ref's sibling keys merged over the target.
/// </summary>
internal sealed class InlineRefs : DocumentRepair
{
    public const string InsideComponent = "ref-inside-component";

    public override string Code => "ref-outside-components";

    public override string Summary => "inlines every local $ref that does not name a whole component, merging the ref's sibling keys";

    public override IReadOnlyList<string> Codes => [Code, InsideComponent];

    public override void Apply(JsonObject root, RepairContext context) => Resolve(root, root, string.Empty, [], context);

    private void Resolve(JsonObject root, JsonNode? node, string pointer, HashSet<string> resolving, RepairContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference)
                    && Inline(root, obj, pointer, reference, resolving, context))
                {
                    return;
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue; // vendor sections are templates: resolved where they are used
                    }

                    Resolve(root, child, Pointers.Append(pointer, key), resolving, context);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Resolve(root, array[i], Pointers.Append(pointer, i), resolving, context);
                }

                break;
        }
    }

    private bool Inline(JsonObject root, JsonObject obj, string pointer, string reference, HashSet<string> resolving, RepairContext context)
    {
        var at = Pointers.Append(pointer, "$ref");
        var target = Pointers.FromLocalRef(reference)
            ?? throw context.Error(at, $"external $ref '{reference}' is not supported; bundle the document into one file");
        if (OpenApiShape.WholeComponent(target) is not null)
        {
            return false;
        }

        if (!resolving.Add(target))
        {
            throw context.Error(at, $"$ref '{reference}' is circular");
        }

        var resolved = Pointers.Resolve(root, target)
            ?? throw context.Error(at, $"$ref '{reference}' points to nothing in the document");
        if (resolved is not JsonObject resolvedObject)
        {
            throw context.Error(at, $"$ref '{reference}' points to a {resolved.GetValueKind()}, not an object");
        }

        RefSites.Inline(obj, (JsonObject)resolvedObject.DeepClone());
        if (OpenApiShape.InComponentSection(target))
        {
            context.Report(InsideComponent, pointer, $"inlined $ref '{reference}' (it points inside a component; OpenAPI.NET resolves only whole components)");
        }
        else
        {
            context.Report(this, pointer, $"inlined $ref '{reference}' (OpenAPI resolves refs only into components)");
        }

        Resolve(root, obj, pointer, resolving, context);
        resolving.Remove(target);
        return true;
    }
}
