using System.Text.Json;

namespace ConnectedCarMock.Schemas.Validation;

// Each kind of instance against the keywords that apply to it; the applicators against any instance.
internal sealed partial class FlagSchema
{
    private sealed partial class Node
    {
        private bool ApplicatorsAreValid(JsonElement instance)
        {
            if (AllOf is not null)
            {
                foreach (var schema in AllOf)
                {
                    if (!schema.IsValid(instance))
                    {
                        return false;
                    }
                }
            }

            if (AnyOf is not null && !AnyIsValid(AnyOf, instance))
            {
                return false;
            }

            if (OneOf is not null && !OneIsValid(OneOf, instance))
            {
                return false;
            }

            if (Not is not null && Not.IsValid(instance))
            {
                return false;
            }

            if (If is not null)
            {
                var branch = If.IsValid(instance) ? Then : Else;
                return branch is null || branch.IsValid(instance);
            }

            return true;
        }

        private static bool AnyIsValid(Node[] schemas, JsonElement instance)
        {
            foreach (var schema in schemas)
            {
                if (schema.IsValid(instance))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool OneIsValid(Node[] schemas, JsonElement instance)
        {
            var passed = 0;
            foreach (var schema in schemas)
            {
                if (schema.IsValid(instance) && ++passed > 1)
                {
                    return false;
                }
            }

            return passed == 1;
        }

        private bool StringIsValid(JsonElement instance)
        {
            if (MinLength is null && MaxLength is null && Pattern is null)
            {
                return true;
            }

            var text = instance.GetString()!;
            if (MinLength is not null || MaxLength is not null)
            {
                var length = Length(text);
                if (length < MinLength || length > MaxLength)
                {
                    return false;
                }
            }

            return Pattern is null || Pattern.IsMatch(text);
        }

        private bool ArrayIsValid(JsonElement instance)
        {
            var count = instance.GetArrayLength();
            if (count < MinItems || count > MaxItems)
            {
                return false;
            }

            var index = 0;
            var contained = 0;
            foreach (var item in instance.EnumerateArray())
            {
                var schema = PrefixItems is not null && index < PrefixItems.Length ? PrefixItems[index] : Items;
                if (schema is not null && !schema.IsValid(item))
                {
                    return false;
                }

                if (Contains is not null && Contains.IsValid(item))
                {
                    contained++;
                }

                index++;
            }

            if (Contains is not null && (contained < (MinContains ?? 1) || contained > MaxContains))
            {
                return false;
            }

            return !UniqueItems || AllDifferent(instance);
        }

        private bool ObjectIsValid(JsonElement instance)
        {
            // Which of two values of one name the library holds to a property's schema is its own affair.
            if (!t_namesAreUnique && (Properties is not null || PatternProperties is not null || AdditionalProperties is not null) && HasRepeatedName(instance))
            {
                throw new UndecidedException();
            }

            if (MinProperties is not null || MaxProperties is not null)
            {
                var count = instance.GetPropertyCount();
                if (count < MinProperties || count > MaxProperties)
                {
                    return false;
                }
            }

            if (_requiredNames is not null)
            {
                foreach (var name in _requiredNames)
                {
                    if (!instance.TryGetProperty(name, out _))
                    {
                        return false;
                    }
                }
            }

            // Only declared properties constrain anything: each looked up, no name of the instance decoded.
            if (!_readsEveryName)
            {
                for (var i = 0; _declaredNames is not null && i < _declaredNames.Length; i++)
                {
                    if (instance.TryGetProperty(_declaredNames[i], out var value) && !_declaredSchemas![i].IsValid(value))
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var property in instance.EnumerateObject())
            {
                if (!PropertyIsValid(property)
                    || (DependentRequired is not null && DependentRequired.TryGetValue(property.Name, out var names) && names.Any(name => !instance.TryGetProperty(name, out _)))
                    || (DependentSchemas is not null && DependentSchemas.TryGetValue(property.Name, out var dependent) && !dependent.IsValid(instance)))
                {
                    return false;
                }
            }

            return true;
        }

        private bool PropertyIsValid(JsonProperty property)
        {
            var covered = false;
            if (Properties is not null && Properties.TryGetValue(property.Name, out var declared))
            {
                covered = true;
                if (!declared.IsValid(property.Value))
                {
                    return false;
                }
            }

            if (PatternProperties is not null)
            {
                foreach (var (pattern, schema) in PatternProperties)
                {
                    if (pattern.IsMatch(property.Name))
                    {
                        covered = true;
                        if (!schema.IsValid(property.Value))
                        {
                            return false;
                        }
                    }
                }
            }

            if (!covered && AdditionalProperties is not null && !AdditionalProperties.IsValid(property.Value))
            {
                return false;
            }

            return PropertyNames is null || PropertyNames.IsValid(NameElement(property.Name));
        }
    }
}
