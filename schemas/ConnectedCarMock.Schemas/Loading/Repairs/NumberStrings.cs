using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A number keyword of a schema written as a string (<c>maxLength: "64"</c>) makes OpenAPI.NET fail
/// without saying where: when the string is a number, it is read as that number.
/// </summary>
internal sealed class NumberStrings : NodeRepair
{
    public override string Code => "number-string";

    public override string Summary => "reads number keywords of schemas (minimum, maxLength...) written as numeric strings as numbers";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (!at.IsSchema)
        {
            return;
        }

        foreach (var (key, value) in node.ToList())
        {
            if (ShapeChecks.NumberKeywords.Contains(key) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && decimal.TryParse(v.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                node[key] = number;
                context.Report(this, Pointers.Append(at.Pointer, key), $"'{key}' is the string {v.ToJsonString()}; read as the number {number.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }
}
