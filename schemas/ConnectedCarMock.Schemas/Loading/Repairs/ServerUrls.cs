using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>A server entry without a <c>url</c> names no server: it is dropped.</summary>
internal sealed class ServerUrls : DocumentRepair
{
    public override string Code => "server-url";

    public override string Summary => "drops server entries that have no url";

    public override IReadOnlyList<string> Supersedes => ["ServerRequiredFields"];

    public override void Apply(JsonObject root, RepairContext context)
    {
        foreach (var (list, pointer) in ServerVariableDefaults.ServerLists(root))
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i] is not JsonObject server || server["url"] is not JsonValue url || !url.TryGetValue<string>(out _))
                {
                    list.RemoveAt(i);
                    context.Report(this, Pointers.Append(pointer, i), "dropped a server entry without a url");
                }
            }
        }
    }
}
