using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>A response without its required <c>description</c> (2 in the published document) gets one.</summary>
internal sealed class ResponseDescription : NodeRepair
{
    public override string Code => "response-description";

    public override string Summary => "adds the required description to responses that lack one ('HTTP 404', 'Error' for default)";

    public override void Visit(JsonObject node, NodePosition at, RepairContext context)
    {
        if (at.ParentKey != "responses")
        {
            return;
        }

        foreach (var (status, response) in node)
        {
            if (response is JsonObject r && !r.ContainsKey("$ref") && r["description"] is null)
            {
                r["description"] = status == "default" ? "Error" : $"HTTP {status}";
                context.Report(this, Pointers.Append(at.Pointer, status), $"response '{status}' has no description (required); added one");
            }
        }
    }
}
