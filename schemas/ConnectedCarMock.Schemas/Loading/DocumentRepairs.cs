using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>
/// Repairs the real-world quirks that keep OpenAPI.NET from reading a document (see
/// <c>specs/README.md</c> in the shared folder): refs into vendor extensions, padded media
/// types, missing descriptions, null-valued keys, ref siblings, mistyped examples.
/// Every repair is reported; nothing is changed silently.
/// </summary>
internal sealed class DocumentRepairs
{
    private static readonly string[] ComponentRoots = ["/components/", "/definitions/", "/parameters/", "/responses/", "/securityDefinitions/"];

    // Keys whose values are data, where null is a legitimate value rather than a forgotten one.
    private static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal) { "example", "examples", "default", "enum", "const", "value" };

    private readonly JsonObject _root;
    private readonly string _file;
    private readonly SourceMap _map;
    private readonly List<SpecDiagnostic> _repairs;
    private readonly bool _isOas30;

    private DocumentRepairs(JsonObject root, string file, SourceMap map, List<SpecDiagnostic> repairs)
    {
        _root = root;
        _file = file;
        _map = map;
        _repairs = repairs;
        _isOas30 = root["openapi"] is JsonValue v && v.ToString().StartsWith("3.0", StringComparison.Ordinal);
    }

    public static void Apply(JsonObject root, string file, SourceMap map, List<SpecDiagnostic> repairs)
    {
        var repairer = new DocumentRepairs(root, file, map, repairs);
        repairer.RemoveNullKeys(root, string.Empty, parentKey: null);
        repairer.ResolveForeignRefs(root, string.Empty, []);
        repairer.CheckComponentRefs(root, string.Empty);
        repairer.Walk(root, string.Empty, parentKey: null);
    }

    private void Add(string code, string pointer, string message) =>
        _repairs.Add(new SpecDiagnostic(code, pointer.Length == 0 ? "/" : pointer, message));

    private void RemoveNullKeys(JsonNode? node, string pointer, string? parentKey)
    {
        if (parentKey is not null && DataKeys.Contains(parentKey))
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null && !DataKeys.Contains(p.Key)).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                    Add("null-value", Pointers.Append(pointer, key), $"removed key '{key}' that has no value");
                }

                foreach (var (key, child) in obj.ToList())
                {
                    RemoveNullKeys(child, Pointers.Append(pointer, key), key);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    RemoveNullKeys(array[i], Pointers.Append(pointer, i), null);
                }

                break;
        }
    }

    /// <summary>Inlines every local <c>$ref</c> that points outside the component sections, merging sibling keys.</summary>
    private void ResolveForeignRefs(JsonNode? node, string pointer, HashSet<string> resolving)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
                {
                    var target = Pointers.FromLocalRef(reference);
                    if (target is null)
                    {
                        throw new SpecLoadException(_file, _map.Describe(Pointers.Append(pointer, "$ref")), $"external $ref '{reference}' is not supported; bundle the document into one file");
                    }

                    if (!IsComponentPointer(target))
                    {
                        if (!resolving.Add(target))
                        {
                            throw new SpecLoadException(_file, _map.Describe(Pointers.Append(pointer, "$ref")), $"$ref '{reference}' is circular");
                        }

                        var resolved = Pointers.Resolve(_root, target)
                            ?? throw new SpecLoadException(_file, _map.Describe(Pointers.Append(pointer, "$ref")), $"$ref '{reference}' points to nothing in the document");
                        if (resolved is not JsonObject resolvedObject)
                        {
                            throw new SpecLoadException(_file, _map.Describe(Pointers.Append(pointer, "$ref")), $"$ref '{reference}' points to a {resolved.GetValueKind()}, not an object");
                        }

                        var merged = (JsonObject)resolvedObject.DeepClone();
                        foreach (var (key, value) in obj.Where(p => p.Key != "$ref").ToList())
                        {
                            merged[key] = value?.DeepClone();
                        }

                        ReplaceContents(obj, merged);
                        Add("ref-outside-components", pointer, $"inlined $ref '{reference}' (OpenAPI resolves refs only into components)");
                        ResolveForeignRefs(obj, pointer, resolving);
                        resolving.Remove(target);
                        return;
                    }
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue; // vendor sections are templates: resolved where they are used
                    }

                    ResolveForeignRefs(child, Pointers.Append(pointer, key), resolving);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ResolveForeignRefs(array[i], Pointers.Append(pointer, i), resolving);
                }

                break;
        }
    }

    private void CheckComponentRefs(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference)
                    && Pointers.FromLocalRef(reference) is { } target && Pointers.Resolve(_root, target) is null)
                {
                    throw new SpecLoadException(_file, _map.Describe(Pointers.Append(pointer, "$ref")), $"$ref '{reference}' points to nothing in the document");
                }

                foreach (var (key, child) in obj)
                {
                    if (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue; // vendor sections are only reachable through refs, already inlined
                    }

                    CheckComponentRefs(child, Pointers.Append(pointer, key));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckComponentRefs(array[i], Pointers.Append(pointer, i));
                }

                break;
        }
    }

    private void Walk(JsonNode? node, string pointer, string? parentKey)
    {
        switch (node)
        {
            case JsonObject obj:
                if (parentKey == "content")
                {
                    TrimMediaTypes(obj, pointer);
                }

                if (parentKey == "responses")
                {
                    DescribeResponses(obj, pointer);
                }

                if (IsSchemaRefWithSiblings(obj, pointer))
                {
                    DropRefSiblings(obj, pointer);
                }

                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var typeName))
                {
                    FixExampleType(obj, pointer, typeName);
                }

                FixExclusiveBounds(obj, pointer);

                foreach (var (key, child) in obj.ToList())
                {
                    if (DataKeys.Contains(key) || (pointer.Length == 0 && key.StartsWith("x-", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    Walk(child, Pointers.Append(pointer, key), key);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], Pointers.Append(pointer, i), parentKey is "allOf" or "oneOf" or "anyOf" or "prefixItems" ? "schema-list" : null);
                }

                break;
        }
    }

    private void TrimMediaTypes(JsonObject content, string pointer)
    {
        foreach (var key in content.Select(p => p.Key).Where(k => k.Trim() != k).ToList())
        {
            var value = content[key];
            content.Remove(key);
            var trimmed = key.Trim();
            if (content.ContainsKey(trimmed))
            {
                Add("media-type-duplicate", Pointers.Append(pointer, key), $"dropped media type '{key}': '{trimmed}' is also listed");
                continue;
            }

            content[trimmed] = value;
            Add("media-type-whitespace", Pointers.Append(pointer, key), $"trimmed media type '{key}' to '{trimmed}'");
        }
    }

    private void DescribeResponses(JsonObject responses, string pointer)
    {
        foreach (var (status, response) in responses)
        {
            if (response is JsonObject r && !r.ContainsKey("$ref") && r["description"] is null)
            {
                r["description"] = status == "default" ? "Error" : $"HTTP {status}";
                Add("response-description", Pointers.Append(pointer, status), $"response '{status}' has no description (required); added one");
            }
        }
    }

    private bool IsSchemaRefWithSiblings(JsonObject obj, string pointer) =>
        _isOas30 && obj.ContainsKey("$ref") && obj.Count > 1 && IsSchemaPosition(pointer)
        && obj.Any(p => p.Key is not "$ref" and not "description" and not "summary");

    // In OAS 3.0 a $ref replaces its object: siblings are ignored by the standard, so say so and drop them.
    private void DropRefSiblings(JsonObject obj, string pointer)
    {
        var dropped = obj.Where(p => p.Key is not "$ref" and not "description" and not "summary").Select(p => p.Key).ToList();
        foreach (var key in dropped)
        {
            obj.Remove(key);
        }

        Add("ref-siblings", pointer, $"removed {string.Join(", ", dropped.Select(k => $"'{k}'"))} next to $ref (ignored in OpenAPI 3.0)");
    }

    private static bool IsSchemaPosition(string pointer) =>
        pointer.Contains("/schemas/", StringComparison.Ordinal) || pointer.Contains("/schema", StringComparison.Ordinal)
        || pointer.Contains("/properties/", StringComparison.Ordinal) || pointer.EndsWith("/items", StringComparison.Ordinal);

    private void FixExampleType(JsonObject schema, string pointer, string typeName)
    {
        if (typeName == "string" && schema["example"] is JsonValue example && example.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            var text = example.ToJsonString();
            schema["example"] = text;
            Add("example-type", Pointers.Append(pointer, "example"), $"example {text} of a string schema written as the string \"{text}\"");
        }
    }

    private void FixExclusiveBounds(JsonObject schema, string pointer)
    {
        if (_isOas30)
        {
            return; // boolean exclusive bounds are OAS 3.0 syntax; the schema translator handles them
        }

        foreach (var (flag, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (schema[flag] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                var exclusive = v.GetValue<bool>();
                schema.Remove(flag);
                if (exclusive && schema[bound] is JsonValue limit)
                {
                    schema.Remove(bound);
                    schema[flag] = limit.DeepClone();
                }

                Add("exclusive-bound", Pointers.Append(pointer, flag), $"boolean {flag} rewritten in OpenAPI 3.1 form");
            }
        }
    }

    private static bool IsComponentPointer(string pointer) =>
        ComponentRoots.Any(root => pointer.StartsWith(root, StringComparison.Ordinal));

    private static void ReplaceContents(JsonObject target, JsonObject source)
    {
        target.Clear();
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            target[key] = value;
        }
    }
}
