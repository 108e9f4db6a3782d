using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Keys OpenAPI.NET cannot read in a document's version but the 3.1 model can hold (a type list in
/// Swagger 2.0) travel through it as an extension and are put back in the normalized document.
/// </summary>
internal static class Deferred
{
    public const string Extension = "x-ccmock-restore";

    public static void Stash(JsonObject node, string key, RepairContext context)
    {
        if (node[Extension] is not JsonObject stash)
        {
            stash = [];
            node[Extension] = stash;
        }

        var value = node[key];
        node.Remove(key);
        stash[key] = value;
        context.HasDeferredKeys = true;
    }

    /// <summary>Puts stashed keys back where OpenAPI.NET carried them (extensions stay on their object).</summary>
    public static void Restore(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj[Extension] is JsonObject stash)
                {
                    obj.Remove(Extension);
                    foreach (var (key, value) in stash.ToList())
                    {
                        stash.Remove(key);
                        obj[key] = value;
                    }
                }

                foreach (var (_, child) in obj)
                {
                    Restore(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Restore(item);
                }

                break;
        }
    }
}
