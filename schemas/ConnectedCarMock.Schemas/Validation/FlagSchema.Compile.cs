using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ConnectedCarMock.Schemas.Validation;

internal sealed partial class FlagSchema
{
    // Keywords that never change a verdict in 2020-12 (annotations, and $defs, read only through a $ref).
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$comment", "$defs", "contentSchema", "title", "description", "default", "examples", "readOnly", "writeOnly", "deprecated",
        "contentMediaType", "contentEncoding",
    };

    /// <summary>
    /// The schema compiled, or null and why when it holds anything this does not evaluate as Json.Schema.Net does (a
    /// keyword it does not read: <c>$id</c>, <c>$anchor</c>, <c>$dynamicRef</c>, <c>unevaluated*</c>, a vendor's; an
    /// empty <c>type</c> list or applicator; a <c>$ref</c> outside the two documents or by anchor; a <c>$schema</c> of
    /// another dialect): the library answers those.
    /// </summary>
    /// <param name="schema">The translated schema (what <see cref="JsonSchema.Build(JsonElement, BuildOptions?, Uri?)"/> is given).</param>
    /// <param name="components">The translated components document its refs may point into.</param>
    /// <param name="componentsUri">The URI the components document is registered under.</param>
    /// <param name="formats">The registry the library's evaluation options name (formats are asked of it at every check).</param>
    public static (FlagSchema? Schema, string? Refusal) Compile(JsonNode schema, JsonNode components, string componentsUri, FormatRegistry formats)
    {
        var compiler = new Compiler(schema, components, componentsUri, formats);
        return compiler.Build(schema, Compiler.Instance) is { } root && compiler.Refusal is null ? (new FlagSchema(root), null) : (null, compiler.Refusal);
    }

    private sealed class Compiler(JsonNode instance, JsonNode components, string componentsUri, FormatRegistry formats)
    {
        public const int Instance = 0;
        private const int Components = 1;

        private readonly Dictionary<(int Document, string Pointer), Node> _targets = [];

        /// <summary>The first keyword refused, and its value; null while none is.</summary>
        public string? Refusal { get; private set; }

        private bool Refused => Refusal is not null;

        public Node? Build(JsonNode? schema, int document, Node? into = null)
        {
            if (Refused)
            {
                return null;
            }

            if (schema is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                var constant = into ?? new Node();
                constant.Constant = flag.GetValueKind() == JsonValueKind.True;
                return constant;
            }

            if (schema is not JsonObject keywords)
            {
                return Refuse($"a schema written {schema?.ToJsonString() ?? "null"}");
            }

            var node = into ?? new Node();
            foreach (var (keyword, value) in keywords)
            {
                if (!Annotations.Contains(keyword) && !Read(node, keyword, value, document))
                {
                    var written = value?.ToJsonString() ?? "null";
                    return Refuse($"{keyword}: {(written.Length > 80 ? written[..80] + "…" : written)}");
                }
            }

            node.Seal();
            return node;
        }

        private Node? Refuse(string why)
        {
            Refusal ??= why;
            return null;
        }

        private bool Read(Node node, string keyword, JsonNode? value, int document)
        {
            switch (keyword)
            {
                case "$ref":
                    return (node.Ref = Target(Text(value), document)) is not null;
                case "type":
                    // An empty list admits nothing, where no type keyword admits everything: the library's to answer.
                    node.Type = value is JsonArray names ? names.Aggregate(Types.None, (all, name) => all | TypeOf(Text(name))) : TypeOf(Text(value));
                    return node.Type != Types.None && !node.Type.HasFlag(Unknown);
                case "enum":
                    node.Enum = value is JsonArray values ? values.Select(v => JsonSerializer.SerializeToElement(v)).ToArray() : null;
                    return node.Enum is not null;
                case "const":
                    node.Const = JsonSerializer.SerializeToElement(value);
                    return true;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf":
                    return ReadBound(node, keyword, value);
                case "minLength" or "maxLength" or "minItems" or "maxItems" or "minProperties" or "maxProperties" or "minContains" or "maxContains":
                    return ReadCount(node, keyword, value);
                case "pattern":
                    return (node.Pattern = Regex(Text(value))) is not null;
                case "format":
                    node.Formats = formats;
                    return (node.Format = Text(value)) is not null;
                case "$schema":
                    return Text(value) == Draft;
                case "uniqueItems":
                    node.UniqueItems = value?.GetValueKind() == JsonValueKind.True;
                    return value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
                case "required":
                    node.Required = Names(value);
                    return node.Required is not null;
                case "dependentRequired":
                    if (value is not JsonObject map || map.Any(p => Names(p.Value) is null))
                    {
                        return false;
                    }

                    node.DependentRequired = map.ToDictionary(p => p.Key, p => Names(p.Value)!, StringComparer.Ordinal);
                    return true;
                case "properties" or "dependentSchemas":
                    var schemas = value is JsonObject named ? named.ToDictionary(p => p.Key, p => Build(p.Value, document)!, StringComparer.Ordinal) : null;
                    _ = keyword == "properties" ? node.Properties = schemas : node.DependentSchemas = schemas;
                    return schemas is not null && !Refused;
                case "patternProperties":
                    node.PatternProperties = value is JsonObject patterns ? patterns.Select(p => (Regex(p.Key)!, Build(p.Value, document)!)).ToArray() : null;
                    return node.PatternProperties is not null && !Refused && node.PatternProperties.All(p => p.Pattern is not null);
                case "prefixItems" or "allOf" or "anyOf" or "oneOf":
                    var list = value is JsonArray { Count: > 0 } items ? items.Select(s => Build(s, document)!).ToArray() : null;
                    _ = keyword switch
                    {
                        "prefixItems" => node.PrefixItems = list,
                        "allOf" => node.AllOf = list,
                        "anyOf" => node.AnyOf = list,
                        _ => node.OneOf = list,
                    };
                    return list is not null && !Refused;
                case "items" or "contains" or "additionalProperties" or "propertyNames" or "not" or "if" or "then" or "else":
                    var single = value is JsonArray ? null : Build(value, document);
                    _ = keyword switch
                    {
                        "items" => node.Items = single,
                        "contains" => node.Contains = single,
                        "additionalProperties" => node.AdditionalProperties = single,
                        "propertyNames" => node.PropertyNames = single,
                        "not" => node.Not = single,
                        "if" => node.If = single,
                        "then" => node.Then = single,
                        _ => node.Else = single,
                    };
                    return single is not null;
                default:
                    return false;
            }
        }

        /// <summary>The node a <c>$ref</c> names: one node per target, so that recursive schemas compile to a cycle.</summary>
        private Node? Target(string? reference, int document)
        {
            if (reference is null)
            {
                return null;
            }

            if (reference.StartsWith(componentsUri + "#", StringComparison.Ordinal))
            {
                (document, reference) = (Components, reference[componentsUri.Length..]);
            }

            // A plain-name fragment (#anchor) names no place by pointer.
            if (Loading.Pointers.FromLocalRef(reference) is not { } pointer || (pointer.Length > 0 && pointer[0] != '/'))
            {
                return null;
            }

            if (_targets.TryGetValue((document, pointer), out var known))
            {
                return known;
            }

            if (Loading.Pointers.Resolve(document == Instance ? instance : components, pointer) is not { } target)
            {
                return null;
            }

            // Registered before it is built: a schema that refers to itself finds this node.
            var node = new Node();
            _targets[(document, pointer)] = node;
            return Build(target, document, node);
        }

        private static string? Text(JsonNode? value) =>
            value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        private static string[]? Names(JsonNode? value) =>
            value is JsonArray names && names.All(n => Text(n) is not null) ? names.Select(n => Text(n)!).ToArray() : null;
    }
}
