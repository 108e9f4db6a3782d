using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// The published document marks required scopes only in YAML comments and description tables:
/// they become <c>x-scopes</c> annotations (see <see cref="RequiredScopeProse"/>).
/// </summary>
internal sealed class ScopesFromComments : DocumentRepair
{
    public override string Code => "scopes-from-comments";

    public override string Summary => "writes #Required comments and scope tables as x-scopes (required and optional scopes) on each operation";

    public override void Apply(JsonObject root, RepairContext context) => RequiredScopeProse.Apply(root, context.Map, context.Diagnostics);
}
