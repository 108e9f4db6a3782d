using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// <c>type: [array, string]</c> is JSON Schema but not Swagger 2.0 or OpenAPI 3.0, whose readers refuse it
/// (Docker's API has two). A one-entry list becomes its entry; a longer one reaches the 3.1 model as written.
/// </summary>
internal sealed class TypeList : NodeRepair
{
    public override string Code => "type-list";

    public override string Summary => "keeps a schema's type list in Swagger 2.0 and OpenAPI 3.0 documents, whose readers refuse it, as the 3.1 type list it is";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (context.IsOas31 || !at.IsSchema || node["type"] is not JsonArray list)
        {
            return;
        }

        var written = list.ToJsonString();
        var types = list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).ToList();
        if (types.Count != list.Count || types.Any(t => t is null))
        {
            throw context.Error(Pointers.Append(at.Pointer, "type"), $"type {written} lists something other than type names");
        }

        var version = context.IsSwagger2 ? "Swagger 2.0" : "OpenAPI 3.0";
        if (types.Count == 1)
        {
            node["type"] = types[0];
            context.Report(this, Pointers.Append(at.Pointer, "type"), $"type {written} is a list, which {version} does not allow; read as \"{types[0]}\"");
            return;
        }

        Deferred.Stash(node, "type", context);
        context.Report(this, Pointers.Append(at.Pointer, "type"), $"type {written} is a list, which {version} does not allow; kept as the JSON Schema type list");
    }
}
