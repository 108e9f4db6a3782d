using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A <c>$ref</c> into components written with percent-encoding (<c>#/components/schemas/A%2DB</c>)
/// is legal in a URI fragment, but OpenAPI.NET looks components up by the encoded text: it is decoded.
/// </summary>
internal sealed class RefEncoding : DocumentRepair
{
    public override string Code => "ref-encoding";

    public override string Summary => "decodes percent-encoding in local $refs into components, which OpenAPI.NET would not find otherwise";

    public override void Apply(JsonObject root, RepairContext context)
    {
        foreach (var site in RefSites.All(root))
        {
            var reference = site.Reference;
            if (!reference.StartsWith('#') || !reference.Contains('%', StringComparison.Ordinal)
                || Pointers.FromLocalRef(reference) is not { } target || !OpenApiShape.InComponentSection(target))
            {
                continue; // refs elsewhere are inlined by pointer, which decodes them anyway
            }

            var decoded = Pointers.ToRef(target);
            if (decoded != reference)
            {
                site.Rewrite(decoded);
                context.Report(this, site.Pointer, $"$ref '{reference}' is percent-encoded; read as '{decoded}'");
            }
        }
    }
}
