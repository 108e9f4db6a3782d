using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>An object with a string <c>$ref</c>, and where it is.</summary>
internal readonly record struct RefSite(JsonObject Holder, string Pointer, string Reference)
{
    public string RefPointer => Pointers.Append(Pointer, "$ref");

    public void Rewrite(string reference) => Holder["$ref"] = reference;

    /// <summary>Replaces the ref by <paramref name="content"/> (taken over, not copied); the keys written beside the ref win.</summary>
    public void Inline(JsonObject content) => RefSites.Inline(Holder, content);
}

/// <summary>Finds every <c>$ref</c> of a tree, vendor sections included (they may be inlined later).</summary>
internal static class RefSites
{
    /// <summary>Puts <paramref name="content"/> in place of the <c>$ref</c> of <paramref name="holder"/>, which keeps its place in the tree and its other keys.</summary>
    public static void Inline(JsonObject holder, JsonObject content)
    {
        foreach (var (key, value) in holder.Where(p => p.Key != "$ref").ToList())
        {
            content[key] = value?.DeepClone();
        }

        holder.Clear();
        foreach (var (key, value) in content.ToList())
        {
            content.Remove(key);
            holder[key] = value;
        }
    }

    public static List<RefSite> All(JsonNode? node, string pointer = "")
    {
        var sites = new List<RefSite>();
        Collect(node, pointer, sites);
        return sites;
    }

    private static void Collect(JsonNode? node, string pointer, List<RefSite> sites)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference))
                {
                    sites.Add(new RefSite(obj, pointer, reference));
                }

                foreach (var (key, child) in obj)
                {
                    Collect(child, Pointers.Append(pointer, key), sites);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], Pointers.Append(pointer, i), sites);
                }

                break;
        }
    }
}
