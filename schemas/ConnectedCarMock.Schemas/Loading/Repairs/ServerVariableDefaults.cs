using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A server variable needs a string <c>default</c>: a missing one becomes the first <c>enum</c> value (or
/// the empty string), a number or boolean becomes its text. OpenAPI.NET also refuses an empty default,
/// which OpenAPI allows: this rule takes that check over.
/// </summary>
internal sealed class ServerVariableDefaults : DocumentRepair
{
    public override string Code => "server-variable-default";

    public override string Summary => "gives every server variable a string default: the first enum value or the empty string";

    public override IReadOnlyList<string> Supersedes => ["ServerRequiredFields"];

    public override void Apply(JsonObject root, RepairContext context)
    {
        foreach (var (list, listPointer) in ServerLists(root))
        {
            for (var i = 0; i < list.Count; i++)
            {
                if ((list[i] as JsonObject)?["variables"] is not JsonObject variables)
                {
                    continue;
                }

                foreach (var (name, node) in variables)
                {
                    if (node is JsonObject variable)
                    {
                        Repair(variable, $"{Pointers.Append(listPointer, i)}/variables/{Pointers.Escape(name)}", name, context);
                    }
                }
            }
        }
    }

    private void Repair(JsonObject variable, string pointer, string name, RepairContext context)
    {
        switch (variable["default"])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return;
            case JsonValue value:
                var text = value.ToJsonString();
                variable["default"] = text;
                context.Report(this, pointer, $"server variable '{name}' has a default that is not a string; read as \"{text}\"");
                return;
            default:
                var first = (variable["enum"] as JsonArray)?.OfType<JsonValue>().Select(v => v.ToString()).FirstOrDefault() ?? string.Empty;
                variable["default"] = first;
                context.Report(this, pointer, $"server variable '{name}' has no default (required); used \"{first}\"");
                return;
        }
    }

    /// <summary>The <c>servers</c> lists of the document, its path items and its operations.</summary>
    internal static IEnumerable<(JsonArray List, string Pointer)> ServerLists(JsonObject root)
    {
        if (root["servers"] is JsonArray top)
        {
            yield return (top, "/servers");
        }

        if (root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, node) in paths)
        {
            if (node is not JsonObject item)
            {
                continue;
            }

            var itemPointer = Pointers.Append("/paths", path);
            if (item["servers"] is JsonArray itemServers)
            {
                yield return (itemServers, itemPointer + "/servers");
            }

            foreach (var method in OpenApiShape.Methods)
            {
                if ((item[method] as JsonObject)?["servers"] is JsonArray operationServers)
                {
                    yield return (operationServers, $"{itemPointer}/{method}/servers");
                }
            }
        }
    }
}
