using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// JSON Schema allows <c>true</c> and <c>false</c> as schemas (<c>properties: {additionalProperties: false}</c>
/// in a Codat document), but OpenAPI.NET reads only object schemas and crashed on them. They are written
/// as their object equivalents, <c>{}</c> and <c>{"not": {}}</c>; <c>additionalProperties</c> and
/// <c>unevaluatedProperties</c> keep their booleans, which OpenAPI.NET reads.
/// </summary>
internal sealed class BooleanSchemas : NodeRepair
{
    public override string Code => "boolean-schema";

    public override string Summary => "writes boolean subschemas as their object equivalents, {} for true and {\"not\": {}} for false";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (at.Kind is not (NodeKind.Schema or NodeKind.SchemaMap))
        {
            return;
        }

        foreach (var (key, value) in node.ToList())
        {
            var kind = at.Kind == NodeKind.SchemaMap ? NodeKind.Schema : SchemaPositions.Child(at.Kind, key, parentIsRoot: false);
            var pointer = Pointers.Append(at.Pointer, key);
            if (kind == NodeKind.Schema && key is not ("additionalProperties" or "unevaluatedProperties") || at.Kind == NodeKind.SchemaMap)
            {
                if (Equivalent(value) is { } schema)
                {
                    node[key] = schema;
                    Report(pointer, value!, context);
                }
            }
            else if (kind == NodeKind.SchemaList && value is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (Equivalent(list[i]) is { } schema)
                    {
                        Report(Pointers.Append(pointer, i), list[i]!, context);
                        list[i] = schema;
                    }
                }
            }
        }
    }

    private static JsonObject? Equivalent(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => [],
        JsonValueKind.False => new JsonObject { ["not"] = new JsonObject() },
        _ => null,
    };

    private void Report(string pointer, JsonNode value, RepairContext context) =>
        context.Report(this, pointer, value.GetValueKind() == JsonValueKind.True
            ? "the boolean schema true is written as {} (OpenAPI.NET reads only object schemas)"
            : "the boolean schema false is written as {\"not\": {}} (OpenAPI.NET reads only object schemas)");
}
