using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> (OpenAPI 3.0 and Swagger 2.0 style) in an
/// OpenAPI 3.1 document is rewritten in 3.1 form, the bound moving into the keyword. 2.0 and 3.0 documents
/// keep theirs: there the boolean is the standard form, which OpenAPI.NET and the schema translator read.
/// </summary>
internal sealed class ExclusiveBounds : NodeRepair
{
    public override string Code => "exclusive-bound";

    public override string Summary => "rewrites boolean exclusiveMinimum/exclusiveMaximum in OpenAPI 3.1 documents in 3.1 form";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (!context.IsOas31)
        {
            return;
        }

        foreach (var (flag, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (node[flag] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                var exclusive = v.GetValue<bool>();
                node.Remove(flag);
                if (exclusive && node[bound] is JsonValue limit)
                {
                    node.Remove(bound);
                    node[flag] = limit.DeepClone();
                }

                context.Report(this, Pointers.Append(at.Pointer, flag), $"boolean {flag} rewritten in OpenAPI 3.1 form");
            }
        }
    }
}
