using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>A number or boolean example of a string schema (<c>example: 0</c>) is written as the string it stands for.</summary>
internal sealed class ExampleType : NodeRepair
{
    public override string Code => "example-type";

    public override string Summary => "writes a number or boolean example of a string schema as a string";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (node["type"] is JsonValue type && type.TryGetValue<string>(out var typeName) && typeName == "string"
            && node["example"] is JsonValue example && example.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            var text = example.ToJsonString();
            node["example"] = text;
            context.Report(this, Pointers.Append(at.Pointer, "example"), $"example {text} of a string schema written as the string \"{text}\"");
        }
    }
}
