using System.Text.Json;

namespace ConnectedCarMock.Schemas;

internal sealed partial class SchemaViews
{
    private sealed partial class ViewBuilder
    {
        public void Alternatives(Schema part, JsonElement json)
        {
            if (json.TryGetProperty("oneOf", out var oneOf) && oneOf.ValueKind == JsonValueKind.Array)
            {
                _oneOf.Add(Branches(part, "oneOf", oneOf));
            }

            if (json.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
            {
                _anyOf.Add(Branches(part, "anyOf", anyOf));
            }

            if (json.TryGetProperty("if", out _))
            {
                _conditions.Add(new SchemaCondition(
                    part.At("if"),
                    json.TryGetProperty("then", out _) ? part.At("then") : null,
                    json.TryGetProperty("else", out _) ? part.At("else") : null));
            }

            if (json.TryGetProperty("discriminator", out var discriminator) && discriminator.ValueKind == JsonValueKind.Object
                && Text(discriminator, "propertyName") is { } property)
            {
                view.DiscriminatorProperty ??= property;
                if (discriminator.TryGetProperty("mapping", out var mapping) && mapping.ValueKind == JsonValueKind.Object)
                {
                    view.DiscriminatorMapping = mapping.EnumerateObject()
                        .Where(m => m.Value.ValueKind == JsonValueKind.String)
                        .ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
                }
            }
        }
    }
}
