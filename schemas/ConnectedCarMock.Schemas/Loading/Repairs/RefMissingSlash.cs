using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// <c>$ref: '#components/schemas/X'</c> (the slash after <c>#</c> forgotten, which blocks 36
/// operations of a sibling document) is read as <c>#/components/schemas/X</c> when that resolves.
/// </summary>
internal sealed class RefMissingSlash : DocumentRepair
{
    public override string Code => "ref-missing-slash";

    public override string Summary => "reads a local $ref without the '/' after '#' (#components/...) as the JSON pointer it clearly means";

    public override void Apply(JsonObject root, RepairContext context)
    {
        foreach (var site in RefSites.All(root))
        {
            var reference = site.Reference;
            if (reference.Length < 2 || reference[0] != '#' || reference[1] == '/')
            {
                continue;
            }

            var fixedRef = "#/" + reference[1..];
            if (Pointers.FromLocalRef(fixedRef) is { } target && Pointers.Resolve(root, target) is not null)
            {
                site.Rewrite(fixedRef);
                context.Report(this, site.Pointer, $"$ref '{reference}' lacks the '/' after '#'; read as '{fixedRef}'");
            }
        }
    }
}
