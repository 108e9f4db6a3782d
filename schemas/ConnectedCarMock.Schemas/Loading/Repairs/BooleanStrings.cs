using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// Flags written as strings or numbers (<c>required: "true"</c>, <c>readOnly: "0"</c>) make OpenAPI.NET's
/// readers throw: the usual spellings of true and false are read as the boolean they mean.
/// </summary>
internal sealed class BooleanStrings : NodeRepair
{
    private static readonly HashSet<string> SchemaFlags = new(StringComparer.Ordinal) { "readOnly", "writeOnly", "uniqueItems", "nullable", "x-nullable", "deprecated" };

    private static readonly HashSet<string> BoundFlags = new(StringComparer.Ordinal) { "exclusiveMinimum", "exclusiveMaximum" };

    private static readonly HashSet<string> OtherFlags = new(StringComparer.Ordinal) { "required", "allowEmptyValue", "deprecated", "explode", "allowReserved" };

    private static readonly HashSet<string> XmlFlags = new(StringComparer.Ordinal) { "attribute", "wrapped" };

    public override string Code => "boolean-string";

    public override string Summary => "reads flags written as \"true\"/\"false\", \"1\"/\"0\", \"yes\"/\"no\" or 1/0 as booleans";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number && IsFlag(key, at, context)
                && Parse(v) is { } flag)
            {
                node[key] = flag;
                context.Report(this, Pointers.Append(at.Pointer, key), $"'{key}' is {v.ToJsonString()}, not a boolean; read as {(flag ? "true" : "false")}");
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> of an object at <paramref name="at"/> holds a boolean in OpenAPI.</summary>
    internal static bool IsFlag(string key, NodePosition at, RepairContext context) => at.Kind switch
    {
        NodeKind.Schema => SchemaFlags.Contains(key) || (!context.IsOas31 && BoundFlags.Contains(key)),
        NodeKind.Other or NodeKind.Components => at.ParentKey == "xml" ? XmlFlags.Contains(key) : OtherFlags.Contains(key),
        _ => false, // the keys of properties maps and lists are names, not keywords
    };

    private static bool? Parse(JsonValue value) => value.ToJsonString().Trim('"').ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => null,
    };
}
