using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading.Repairs;

/// <summary>
/// A schema whose <c>$ref</c> names a response (<c>schema: {$ref: '#/responses/empty'}</c> in a Swagger 2.0
/// document) is read as that response's schema, or as any value when the response has none.
/// </summary>
internal sealed class RefKind : DocumentRepair
{
    public override string Code => "ref-kind";

    public override string Summary => "replaces a schema $ref that names a response by the response's schema (any value when it has none)";

    public override void Apply(JsonObject root, RepairContext context)
    {
        foreach (var site in RefSites.All(root))
        {
            if (Pointers.FromLocalRef(site.Reference) is not { } target
                || OpenApiShape.WholeComponent(target) is not { Section: "/responses" or "/components/responses" }
                || SchemaPositions.Of(site.Pointer) != NodeKind.Schema
                || Pointers.Resolve(root, target) is not JsonObject response)
            {
                continue;
            }

            var schema = response["schema"] as JsonObject
                ?? (response["content"] as JsonObject)?.Select(m => (m.Value as JsonObject)?["schema"]).OfType<JsonObject>().FirstOrDefault();
            site.Inline((JsonObject?)schema?.DeepClone() ?? []);
            context.Report(this, site.Pointer, schema is null
                ? $"$ref '{site.Reference}' names a response, not a schema; the response has no schema, so any value is allowed"
                : $"$ref '{site.Reference}' names a response, not a schema; read as the response's schema");
        }
    }
}
