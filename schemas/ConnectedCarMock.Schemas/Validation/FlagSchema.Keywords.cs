using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.More;
using Json.Schema;

namespace ConnectedCarMock.Schemas.Validation;

// What each keyword's value means, read the way Json.Schema.Net 8 reads it: numbers compared and divided exactly on
// their text (JsonMath), lengths in text elements, patterns as ECMAScript-flavoured .NET regexes, equality as Json.More's.
internal sealed partial class FlagSchema
{
    private const Types Unknown = (Types)128;

    // Shared by every compiled schema: a pattern compiles to IL once (the library compiles its own copy too).
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    private static Types TypeOf(string? name) => name switch
    {
        "null" => Types.Null,
        "boolean" => Types.Boolean,
        "object" => Types.Object,
        "array" => Types.Array,
        "number" => Types.Number,
        "integer" => Types.Integer,
        "string" => Types.String,
        _ => Unknown,
    };

    private static Regex? Regex(string? pattern) => pattern is null ? null : Patterns.GetOrAdd(pattern, p =>
    {
        try
        {
            return new Regex(p, RegexOptions.Compiled | RegexOptions.ECMAScript);
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    private static bool ReadBound(Node node, string keyword, JsonNode? value)
    {
        if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        JsonElement? bound = JsonSerializer.SerializeToElement(number);
        _ = keyword switch
        {
            "minimum" => node.Minimum = bound,
            "maximum" => node.Maximum = bound,
            "exclusiveMinimum" => node.ExclusiveMinimum = bound,
            "exclusiveMaximum" => node.ExclusiveMaximum = bound,
            _ => node.MultipleOf = bound,
        };
        return true;
    }

    // A count is a whole number of at least 0, written 3 or 3.0; one beyond long's range saturates, as in the library.
    private static bool ReadCount(Node node, string keyword, JsonNode? value)
    {
        if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number
            || JsonSerializer.SerializeToElement(number).GetDouble() is var d && (d < 0 || d != Math.Truncate(d)))
        {
            return false;
        }

        long? count = (long)d;
        _ = keyword switch
        {
            "minLength" => node.MinLength = count,
            "maxLength" => node.MaxLength = count,
            "minItems" => node.MinItems = count,
            "maxItems" => node.MaxItems = count,
            "minProperties" => node.MinProperties = count,
            "maxProperties" => node.MaxProperties = count,
            "minContains" => node.MinContains = count,
            _ => node.MaxContains = count,
        };
        return true;
    }

    private sealed partial class Node
    {
        private static bool IsInteger(JsonElement number) =>
            number.TryGetInt64(out _) || (number.TryGetDouble(out var d) && d == Math.Truncate(d));

        private bool NumberIsValid(JsonElement number) =>
            (Minimum is not { } minimum || JsonMath.NumberCompare(number, minimum) >= 0)
            && (Maximum is not { } maximum || JsonMath.NumberCompare(number, maximum) <= 0)
            && (ExclusiveMinimum is not { } above || JsonMath.NumberCompare(number, above) > 0)
            && (ExclusiveMaximum is not { } below || JsonMath.NumberCompare(number, below) < 0)
            && (MultipleOf is not { } divisor || JsonMath.Divides(number, divisor));

        // Text elements (what a reader sees as one character); ASCII without CR LF has one per char.
        private static long Length(string text) =>
            Ascii.IsValid(text) && !text.Contains("\r\n", StringComparison.Ordinal) ? text.Length : new StringInfo(text).LengthInTextElements;

        private static JsonElement NameElement(string name) => JsonSerializer.SerializeToElement(name);

        private static bool Readable(JsonElement text)
        {
            try
            {
                _ = text.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        // Names hashed as written (no string made); the names are compared decoded only when two hashes meet, a name
        // holds an escape, or there are too many to hash on the stack.
        private static bool HasRepeatedName(JsonElement instance)
        {
            const int OnTheStack = 64;
            var count = instance.GetPropertyCount();
            if (count < 2)
            {
                return false;
            }

            if (count > OnTheStack)
            {
                return RepeatsDecoded(instance, count);
            }

            Span<int> hashes = stackalloc int[count];
            var index = 0;
            foreach (var property in instance.EnumerateObject())
            {
                var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                var hash = new HashCode();
                hash.AddBytes(raw);
                var value = hash.ToHashCode();
                if (raw.Contains((byte)'\\') || hashes[..index].Contains(value))
                {
                    return RepeatsDecoded(instance, count);
                }

                hashes[index++] = value;
            }

            return false;
        }

        private static bool RepeatsDecoded(JsonElement instance, int count) =>
            instance.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != count;

        private static bool AllDifferent(JsonElement array)
        {
            var seen = new HashSet<JsonElement>(Equivalence.Instance);
            foreach (var item in array.EnumerateArray())
            {
                if (!seen.Add(item))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Equal as Json.More says; hashed as the library's uniqueItems hashes (a number by its decimal value).</summary>
    private sealed class Equivalence : IEqualityComparer<JsonElement>
    {
        public static readonly Equivalence Instance = new();

        public bool Equals(JsonElement x, JsonElement y) => x.IsEquivalentTo(y);

        public int GetHashCode(JsonElement obj) =>
            obj.ValueKind == JsonValueKind.Number ? obj.GetDecimal().GetHashCode() : obj.GetEquivalenceHashCode();
    }
}
