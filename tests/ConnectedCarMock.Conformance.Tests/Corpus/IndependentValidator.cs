using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Schemas;
using Json.Schema;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>
/// A validator that shares no code with the mock's: the document's schemas as written after loading (no
/// translation, no tolerant mode), under JSON Schema 2020-12 with formats asserted, each compiled with the
/// document's component schemas as <c>$defs</c>. What the mock answers is judged by this, not by the validator
/// the mock itself uses.
/// </summary>
internal sealed class IndependentValidator
{
    private const string ComponentsPrefix = "#/components/schemas/";
    private static int s_instances;

    private readonly string _base = $"https://independent.invalid/{Interlocked.Increment(ref s_instances)}/";
    private readonly JsonObject _defs = new();
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly Lock _build = new();

    public IndependentValidator(ApiDocument document)
    {
        foreach (var (name, schema) in document.Schemas)
        {
            _defs[name] = Rewrite(JsonNode.Parse(schema.Json.GetRawText()));
        }
    }

    /// <summary>Null when valid, else the first errors.</summary>
    public string? Problem(Schema schema, string json)
    {
        using var instance = JsonDocument.Parse(json);
        var compiled = _compiled.GetOrAdd(schema.Pointer, _ => Compile(schema));
        var result = compiled.Evaluate(instance.RootElement, _evaluation);
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Take(3);
        return string.Join("; ", errors) is { Length: > 0 } text ? text : "does not match";
    }

    private JsonSchema Compile(Schema schema)
    {
        var root = Rewrite(JsonNode.Parse(schema.Json.GetRawText())) as JsonObject ?? new JsonObject();
        var wrapped = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _defs.DeepClone(),
            ["allOf"] = new JsonArray(root),
        };
        lock (_build)
        {
            return JsonSchema.Build(JsonSerializer.SerializeToElement(wrapped), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri(_base + Uri.EscapeDataString(schema.Pointer)));
        }
    }

    // Only the place of component schemas changes: #/components/schemas/X is #/$defs/X here.
    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var reference) && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        obj["$ref"] = "#/$defs/" + reference[ComponentsPrefix.Length..];
                    }
                    else
                    {
                        Rewrite(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item);
                }

                break;
        }

        return node;
    }
}
