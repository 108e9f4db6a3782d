using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// <c>required: true</c> on a property's schema (the Swagger 1.2 way; OpenAPI lists required properties
/// on the object) is moved: the property joins the object's <c>required</c> list; <c>false</c> is dropped.
/// </summary>
internal sealed class RequiredFlags : NodeRepair
{
    public override string Code => "required-flag";

    public override string Summary => "moves required: true from a property's schema into the object's required list (false is dropped)";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (!at.IsSchema || node["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, property) in properties)
        {
            if (property is not JsonObject schema || schema["required"] is not JsonValue flag
                || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                continue;
            }

            schema.Remove("required");
            var required = flag.GetValue<bool>();
            if (required)
            {
                if (node["required"] is not JsonArray list)
                {
                    list = [];
                    node["required"] = list;
                }

                if (!list.Any(n => n?.GetValueKind() == JsonValueKind.String && n.GetValue<string>() == name))
                {
                    list.Add(name);
                }
            }

            context.Report(this, $"{at.Pointer}/properties/{Pointers.Escape(name)}/required", required
                ? $"'required: true' on property '{name}' moved to the object's required list"
                : $"'required: false' on property '{name}' dropped (properties are optional unless listed)");
        }
    }
}
