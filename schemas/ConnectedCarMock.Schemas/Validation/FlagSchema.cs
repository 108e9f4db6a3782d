using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.More;
using Json.Schema;

namespace ConnectedCarMock.Schemas.Validation;

/// <summary>
/// A translated schema compiled for a yes/no answer, with Json.Schema.Net's verdict on every instance. Json.Schema.Net
/// 8 builds a URI, a result object and a sorted keyword list for every subschema it visits, also when only the verdict
/// is asked for: a 1 KB channel cost 40 µs and 100 KB of garbage, and a create checks three bodies. This walks the
/// instance once, stops at the first failure and allocates nothing on the way. It is built only from keywords whose
/// meaning it shares with the library (<see cref="Compile"/> refuses any other), and it leaves to the library what
/// must match it exactly: formats, and equality of values.
/// </summary>
internal sealed partial class FlagSchema
{
    private readonly Node _root;

    private FlagSchema(Node root) => _root = root;

    // Whether the instance being checked on this thread comes from a JsonNode (no object of it repeats a name).
    [ThreadStatic]
    private static bool t_namesAreUnique;

    /// <summary>The library's verdict; null for an instance this leaves to it (an object that repeats a name).</summary>
    /// <param name="namesAreUnique">No object of the instance repeats a name (it was written from a JsonNode): not checked again.</param>
    public bool? IsValid(JsonElement instance, bool namesAreUnique = false)
    {
        t_namesAreUnique = namesAreUnique;
        try
        {
            return _root.IsValid(instance);
        }
        catch (UndecidedException)
        {
            return null;
        }
        finally
        {
            t_namesAreUnique = false;
        }
    }

    private sealed class UndecidedException : Exception;

    [Flags]
    private enum Types
    {
        None = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        Integer = 32,
        String = 64,
    }

    private sealed partial class Node
    {
        public bool? Constant;
        public Node? Ref;
        public Types Type;
        public JsonElement[]? Enum;
        public JsonElement? Const;
        public JsonElement? Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf;
        public long? MinLength, MaxLength;
        public Regex? Pattern;
        public string? Format;
        public FormatRegistry? Formats;
        public long? MinItems, MaxItems, MinContains, MaxContains;
        public bool UniqueItems;
        public Node[]? PrefixItems;
        public Node? Items, Contains;
        public long? MinProperties, MaxProperties;
        public string[]? Required;
        public Dictionary<string, Node>? Properties;
        public (Regex Pattern, Node Schema)[]? PatternProperties;
        public Node? AdditionalProperties, PropertyNames;
        public Dictionary<string, string[]>? DependentRequired;
        public Dictionary<string, Node>? DependentSchemas;
        public Node[]? AllOf, AnyOf, OneOf;
        public Node? Not, If, Then, Else;

        // Derived once built (Seal): names as UTF-8, to look values up without decoding the instance's names.
        private byte[][]? _enumStrings, _declaredNames, _requiredNames;
        private Node[]? _declaredSchemas;
        private bool _readsEveryName;

        public void Seal()
        {
            // A string the library cannot read (an unpaired surrogate) keeps the library's comparison, and its failure.
            if (Enum is not null && Enum.All(e => e.ValueKind == JsonValueKind.String && Readable(e)))
            {
                _enumStrings = Enum.Select(e => Encoding.UTF8.GetBytes(e.GetString()!)).ToArray();
            }

            _declaredNames = Properties?.Keys.Select(Encoding.UTF8.GetBytes).ToArray();
            _declaredSchemas = Properties?.Values.ToArray();
            _requiredNames = Required?.Select(Encoding.UTF8.GetBytes).ToArray();
            _readsEveryName = PatternProperties is not null || AdditionalProperties is not null || PropertyNames is not null
                || DependentRequired is not null || DependentSchemas is not null;
        }

        public bool IsValid(JsonElement instance)
        {
            if (Constant is { } constant)
            {
                return constant;
            }

            if ((Ref is not null && !Ref.IsValid(instance))
                || (Type != Types.None && !HasType(instance))
                || (Enum is not null && !InEnum(instance))
                || (Const is { } value && !value.IsEquivalentTo(instance)))
            {
                return false;
            }

            // Json.Schema.Net asks the format of every value; its own formats pass what is not a string.
            if (Format is not null && !Formats!.Get(Format).Validate(instance, out _))
            {
                return false;
            }

            var valid = instance.ValueKind switch
            {
                JsonValueKind.Number => NumberIsValid(instance),
                JsonValueKind.String => StringIsValid(instance),
                JsonValueKind.Array => ArrayIsValid(instance),
                JsonValueKind.Object => ObjectIsValid(instance),
                _ => true,
            };
            return valid && ApplicatorsAreValid(instance);
        }

        private bool HasType(JsonElement instance) => instance.ValueKind switch
        {
            JsonValueKind.Null => (Type & Types.Null) != 0,
            JsonValueKind.True or JsonValueKind.False => (Type & Types.Boolean) != 0,
            JsonValueKind.Object => (Type & Types.Object) != 0,
            JsonValueKind.Array => (Type & Types.Array) != 0,
            JsonValueKind.String => (Type & Types.String) != 0,
            JsonValueKind.Number => (Type & Types.Number) != 0 || ((Type & Types.Integer) != 0 && IsInteger(instance)),
            _ => false,
        };

        // Strings are equal when their text is (ordinal): compared as UTF-8, without decoding the instance.
        private bool InEnum(JsonElement instance)
        {
            if (_enumStrings is not null)
            {
                if (instance.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                foreach (var text in _enumStrings)
                {
                    if (instance.ValueEquals(text))
                    {
                        return true;
                    }
                }

                return false;
            }

            foreach (var value in Enum!)
            {
                if (value.IsEquivalentTo(instance))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

