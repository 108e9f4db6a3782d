using System.Text.Json;

namespace ConnectedCarMock.Schemas;

internal sealed partial class SchemaViews
{
    /// <summary>Intersects the keywords of a schema's parts into one view.</summary>
    private sealed partial class ViewBuilder(SchemaView view)
    {
        private readonly List<SchemaProperty> _properties = [];
        private readonly HashSet<string> _required = new(StringComparer.Ordinal);
        private readonly List<string> _patterns = [];
        private readonly List<Schema> _not = [];
        private readonly List<Schema> _items = [];
        private readonly List<List<Schema>> _prefix = [];
        private readonly List<Schema> _additional = [];
        private readonly List<(string, Schema)> _patternProperties = [];
        private readonly List<ObjectRule> _rules = [];
        private readonly List<IReadOnlyList<Schema>> _oneOf = [];
        private readonly List<IReadOnlyList<Schema>> _anyOf = [];
        private readonly List<SchemaCondition> _conditions = [];
        private readonly List<decimal> _multiples = [];
        private readonly List<JsonElement> _examples = [];
        private readonly Dictionary<string, IReadOnlyList<string>> _dependentRequired = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<Schema>> _dependentSchemas = new(StringComparer.Ordinal);
        private HashSet<string>? _types;
        private List<JsonElement>? _enum;
        private string? _conflict;

        public void Conflict(string reason) => _conflict ??= reason;

        public void Types(HashSet<string>? types, Schema part)
        {
            if (types is null)
            {
                return;
            }

            _types = _types is null ? types : IntersectTypes(_types, types);
            if (_types.Count == 0)
            {
                Conflict($"the types of {part.Pointer} ({string.Join(", ", types)}) share nothing with its other branches");
            }
        }

        public void Values(Schema part, JsonElement json)
        {
            if (json.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                var list = values.EnumerateArray().ToList();
                _enum = _enum is null ? list : _enum.Where(e => list.Any(l => JsonElement.DeepEquals(e, l))).ToList();
                if (_enum.Count == 0)
                {
                    Conflict($"the enum of {part.Pointer} shares no value with its other branches");
                }
            }

            if (json.TryGetProperty("const", out var constant))
            {
                if (view.Const is { } other && !JsonElement.DeepEquals(other, constant))
                {
                    Conflict($"{part.Pointer} sets const {constant.GetRawText()} where another branch sets {other.GetRawText()}");
                }

                view.Const = constant;
            }

            if (json.TryGetProperty("pattern", out var pattern) && pattern.GetString() is { } regex)
            {
                _patterns.Add(regex);
            }

            if (json.TryGetProperty("not", out _))
            {
                _not.Add(part.At("not"));
            }
        }

        public void Bounds(JsonElement json)
        {
            view.Minimum = Max(view.Minimum, Number(json, "minimum"));
            view.Maximum = Min(view.Maximum, Number(json, "maximum"));
            view.ExclusiveMinimum = Max(view.ExclusiveMinimum, ExclusiveBound(json, "exclusiveMinimum", "minimum"));
            view.ExclusiveMaximum = Min(view.ExclusiveMaximum, ExclusiveBound(json, "exclusiveMaximum", "maximum"));
            if (Number(json, "multipleOf") is { } multiple && multiple > 0)
            {
                _multiples.Add(multiple);
            }

            view.MinLength = MaxInt(view.MinLength, Integer(json, "minLength"));
            view.MaxLength = MinInt(view.MaxLength, Integer(json, "maxLength"));
            view.MinItems = MaxInt(view.MinItems, Integer(json, "minItems"));
            view.MaxItems = MinInt(view.MaxItems, Integer(json, "maxItems"));
            view.MinProperties = MaxInt(view.MinProperties, Integer(json, "minProperties"));
            view.MaxProperties = MinInt(view.MaxProperties, Integer(json, "maxProperties"));
            view.UniqueItems |= json.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True;
        }

        public void Objects(Schema part, JsonElement json)
        {
            if (json.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            {
                _required.UnionWith(req.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }

            var declared = new HashSet<string>(StringComparer.Ordinal);
            if (json.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    declared.Add(p.Name);
                    var child = part.At("properties", p.Name);
                    var index = _properties.FindIndex(x => x.Name == p.Name);
                    if (index < 0)
                    {
                        _properties.Add(new SchemaProperty(p.Name, child, false));
                    }
                    else
                    {
                        _properties[index] = _properties[index] with { Schema = view.Owner.Intersect([_properties[index].Schema, child]) };
                    }
                }
            }

            var patterns = new List<(string, Schema)>();
            if (json.TryGetProperty("patternProperties", out var patternProps) && patternProps.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in patternProps.EnumerateObject())
                {
                    patterns.Add((p.Name, part.At("patternProperties", p.Name)));
                }
            }

            _patternProperties.AddRange(patterns);
            Schema? additionalSchema = null;
            var closed = false;
            if (json.TryGetProperty("additionalProperties", out var additional))
            {
                closed = additional.ValueKind == JsonValueKind.False;
                if (additional.ValueKind == JsonValueKind.Object)
                {
                    additionalSchema = part.At("additionalProperties");
                    _additional.Add(additionalSchema);
                }

                view.AdditionalProperties = closed || view.AdditionalProperties is null ? additional : view.AdditionalProperties;
            }

            if (closed || additionalSchema is not null || patterns.Count > 0)
            {
                _rules.Add(new ObjectRule(declared, patterns, additionalSchema, closed));
            }

            Dependencies(part, json, "dependentRequired");
            Dependencies(part, json, "dependentSchemas");
            Dependencies(part, json, "dependencies");
        }

        private void Dependencies(Schema part, JsonElement json, string keyword)
        {
            if (!json.TryGetProperty(keyword, out var map) || map.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Array)
                {
                    var names = entry.Value.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!);
                    _dependentRequired[entry.Name] = [.. _dependentRequired.GetValueOrDefault(entry.Name) ?? [], .. names];
                }
                else
                {
                    _dependentSchemas[entry.Name] = [.. _dependentSchemas.GetValueOrDefault(entry.Name) ?? [], part.At(keyword, entry.Name)];
                }
            }
        }

        public void Annotations(JsonElement json)
        {
            view.Format ??= Text(json, "format");
            view.Scope ??= Text(json, "x-scope");
            view.Description ??= Text(json, "description") ?? Text(json, "title");
            view.ReadOnly |= json.TryGetProperty("readOnly", out var ro) && ro.ValueKind == JsonValueKind.True;
            view.WriteOnly |= json.TryGetProperty("writeOnly", out var wo) && wo.ValueKind == JsonValueKind.True;
            if (json.TryGetProperty("example", out var example))
            {
                _examples.Add(example);
            }

            if (json.TryGetProperty("examples", out var examples))
            {
                _examples.AddRange(examples.ValueKind == JsonValueKind.Array ? examples.EnumerateArray() : []);
            }

            if (json.TryGetProperty("default", out var fallback))
            {
                _examples.Add(fallback);
            }
        }

        public void Finish()
        {
            view.Types = _types?.Order(StringComparer.Ordinal).ToList() ?? [];
            view.Enum = _enum ?? [];
            view.Properties = _properties.Select(p => p with { Required = _required.Contains(p.Name) }).ToList();
            view.Required = _required;
            view.Patterns = _patterns;
            view.Not = _not;
            view.Items = _items.Count == 0 ? null : view.Owner.Intersect(_items);
            view.PrefixItems = _prefix.Select(p => view.Owner.Intersect(p)).ToList();
            view.AdditionalPropertiesSchema = _additional.Count == 0 ? null : view.Owner.Intersect(_additional);
            view.PatternProperties = _patternProperties;
            view.ObjectRules = _rules;
            view.OneOfGroups = _oneOf;
            view.AnyOfGroups = _anyOf;
            view.Conditions = _conditions;
            view.MultiplesOf = _multiples;
            view.Examples = _examples;
            view.DependentRequired = _dependentRequired;
            view.DependentSchemas = _dependentSchemas;
            if (view.Const is { } constant && _enum is not null && !_enum.Any(e => JsonElement.DeepEquals(e, constant)))
            {
                Conflict($"const {constant.GetRawText()} is not among the enum values");
            }

            CheckBounds();
            view.Conflict = _conflict;
        }

        private void CheckBounds()
        {
            var low = view.ExclusiveMinimum ?? view.Minimum;
            var high = view.ExclusiveMaximum ?? view.Maximum;
            var onlyNumeric = view.Types.Count > 0 && view.Types.All(t => t is "number" or "integer");
            if (onlyNumeric && low is not null && high is not null
                && (low > high || (low == high && (view.ExclusiveMinimum is not null || view.ExclusiveMaximum is not null))))
            {
                Conflict($"no number lies between the lower bound {low} and the upper bound {high}");
            }

            if (view.Types is ["string"] && view.MinLength > view.MaxLength)
            {
                Conflict($"minLength {view.MinLength} exceeds maxLength {view.MaxLength}");
            }

            if (view.Types is ["array"] && view.MinItems > view.MaxItems)
            {
                Conflict($"minItems {view.MinItems} exceeds maxItems {view.MaxItems}");
            }

            if (view.Types is ["object"] && view.MinProperties > view.MaxProperties)
            {
                Conflict($"minProperties {view.MinProperties} exceeds maxProperties {view.MaxProperties}");
            }

            if (view.Types is ["object"] && view.MaxProperties < _required.Count)
            {
                Conflict($"{_required.Count} required properties exceed maxProperties {view.MaxProperties}");
            }
        }
    }
}
