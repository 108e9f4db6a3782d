using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas.Loading;
using ConnectedCarMock.Schemas.Loading.Repairs;

namespace ConnectedCarMock.Schemas.Tests.Fuzz;

/// <summary>The ways a document is broken: at the byte level, the line level, and in its parsed tree.</summary>
public enum Mutation
{
    Truncate,
    FlipBytes,
    DeleteLines,
    InsertNoise,
    RemoveKey,
    SwapType,
    BreakRef,
    DuplicateSubtree,
}

/// <summary>
/// Breaks a real document in a way real documents get broken, deterministically from a <see cref="Random"/>
/// seeded by the caller: cut short, corrupted bytes, lost lines, stray characters, keys removed, values of
/// the wrong type, refs to nowhere, structure copied where it does not belong.
/// </summary>
internal sealed class DocumentMutator
{
    private static readonly string[] Noise = ["{", "}", "[", "]", ": ", "- ", "'", "\"", "\t", "&a ", "*a", "!!binary ", "#", "%", "~1", "\\u0000", "\u00e9", "\n  ", "|\n", "? "];

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => "text", () => string.Empty, () => 42, () => -1.5, () => true, () => false, () => null,
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray("a", 1, null), () => new JsonObject { ["x"] = "y" },
        () => "0", () => "true", () => new string('x', 5000), () => long.MaxValue,
    ];

    private static readonly string[] BrokenRefs =
    [
        "#/nowhere", "#/components/schemas/Missing", "#/definitions/Missing Thing", "other.yaml#/x", "#", string.Empty,
        "#components/schemas", "https://example.com/x.yaml#/a", "#/paths", "#/info", "#/paths/~1none/get", "/absolute.yaml", "#/components/schemas/%ZZ",
    ];

    private readonly byte[] _bytes;
    private readonly Lazy<JsonNode> _tree;

    public DocumentMutator(byte[] bytes, string name)
    {
        _bytes = bytes;
        _tree = new Lazy<JsonNode>(() => Parse(bytes, name));
    }

    public byte[] Mutate(Mutation mutation, Random random) => mutation switch
    {
        Mutation.Truncate => _bytes[..random.Next(_bytes.Length)],
        Mutation.FlipBytes => FlipBytes(random),
        Mutation.DeleteLines => Lines(random, delete: true),
        Mutation.InsertNoise => Lines(random, delete: false),
        _ => Tree(mutation, random),
    };

    private byte[] FlipBytes(Random random)
    {
        var copy = (byte[])_bytes.Clone();
        for (var i = 1 + random.Next(8); i > 0; i--)
        {
            var at = random.Next(copy.Length);
            copy[at] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(copy[at] ^ (1 << random.Next(8)));
        }

        return copy;
    }

    private byte[] Lines(Random random, bool delete)
    {
        var lines = Encoding.UTF8.GetString(_bytes).Split('\n').ToList();
        for (var i = 1 + random.Next(3); i > 0; i--)
        {
            var at = random.Next(lines.Count);
            if (delete && lines.Count > 1)
            {
                lines.RemoveAt(at);
            }
            else if (delete)
            {
                // A one-line (minified) document loses a stretch of text instead.
                var start = random.Next(lines[0].Length);
                lines[0] = lines[0].Remove(start, Math.Min(1 + random.Next(200), lines[0].Length - start));
            }
            else
            {
                var column = random.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(column, Noise[random.Next(Noise.Length)]);
            }
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private byte[] Tree(Mutation mutation, Random random)
    {
        var root = _tree.Value.DeepClone();
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, places);
        if (mutation == Mutation.BreakRef)
        {
            var refs = RefSites.All(root);
            if (refs.Count > 0)
            {
                refs[random.Next(refs.Count)].Rewrite(BrokenRefs[random.Next(BrokenRefs.Length)]);
                return Serialize(root);
            }

            mutation = Mutation.SwapType; // a document without refs gets another kind of damage
        }

        var (parent, key, index) = places[random.Next(places.Count)];
        switch (mutation, parent)
        {
            case (Mutation.RemoveKey, JsonObject obj):
                obj.Remove(key!);
                break;
            case (Mutation.RemoveKey, JsonArray array):
                array.RemoveAt(index);
                break;
            case (Mutation.SwapType, _):
                Set(parent, key, index, Replacements[random.Next(Replacements.Length)]());
                break;
            default:
                // Structure copied from elsewhere in the document: a path item where a schema belongs, and so on.
                var (donor, donorKey, donorIndex) = places[random.Next(places.Count)];
                var value = donor is JsonObject d ? d[donorKey!] : ((JsonArray)donor)[donorIndex];
                Set(parent, key, index, value?.DeepClone());
                break;
        }

        return Serialize(root);
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    private static void Collect(JsonNode? node, List<(JsonNode, string?, int)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    places.Add((obj, key, -1));
                    Collect(child, places);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, null, i));
                    Collect(array[i], places);
                }

                break;
        }
    }

    private static byte[] Serialize(JsonNode root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, MaxDepth = 1024 }))
        {
            root.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static JsonNode Parse(byte[] bytes, string name)
    {
        var context = new RepairContext(name, null, RepairRuleSet.Default);
        return YamlReader.Read(context.Rules.ApplyText(SpecText.Decode(bytes, context), context), context);
    }
}
