using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>After the repairs, every local <c>$ref</c> must point at something: a dangling one is an error with its line.</summary>
internal static class RefTargets
{
    public static void Check(JsonObject root, RepairContext context) => Check(root, root, string.Empty, context);

    private static void Check(JsonObject root, JsonNode? node, string pointer, RepairContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference)
                    && Pointers.FromLocalRef(reference) is { } target && Pointers.Resolve(root, target) is null)
                {
                    throw context.Error(Pointers.Append(pointer, "$ref"), $"$ref '{reference}' points to nothing in the document");
                }

                foreach (var (key, child) in obj)
                {
                    if (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue; // vendor sections are only reachable through refs, already inlined
                    }

                    Check(root, child, Pointers.Append(pointer, key), context);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(root, array[i], Pointers.Append(pointer, i), context);
                }

                break;
        }
    }
}
