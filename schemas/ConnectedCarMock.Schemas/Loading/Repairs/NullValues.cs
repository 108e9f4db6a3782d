using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A key written without a value (<c>allOf:</c> next to a <c>$ref</c>, five times in the published
/// document) is removed, except where null is data (examples, defaults, enums).
/// </summary>
internal sealed class NullValues : DocumentRepair
{
    public override string Code => "null-value";

    public override string Summary => "removes keys that have no value, outside examples, defaults and enums";

    public override void Apply(JsonObject root, RepairContext context) => Remove(root, string.Empty, null, context);

    private void Remove(JsonNode? node, string pointer, string? parentKey, RepairContext context)
    {
        if (parentKey is not null && OpenApiShape.DataKeys.Contains(parentKey))
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null && !OpenApiShape.DataKeys.Contains(p.Key)).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                    context.Report(this, Pointers.Append(pointer, key), $"removed key '{key}' that has no value");
                }

                foreach (var (key, child) in obj.ToList())
                {
                    Remove(child, Pointers.Append(pointer, key), key, context);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Remove(array[i], Pointers.Append(pointer, i), null, context);
                }

                break;
        }
    }
}
