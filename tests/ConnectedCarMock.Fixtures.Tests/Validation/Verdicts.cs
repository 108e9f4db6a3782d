using System.Text.Json;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Fixtures.Tests.Validation;

/// <summary>
/// The yes/no schemas' answers (the document's validator) beside Json.Schema.Net's (a separate validator that uses
/// no yes/no schema) on the same instances. Where the library throws (a number beyond decimal in enum, const or
/// uniqueItems) any answer stands: it has none to compare with.
/// </summary>
internal sealed class Verdicts(ApiDocument document)
{
    private readonly SchemaValidator _library = SchemaValidator.Separate(document);

    public int Compared { get; private set; }

    public int LibraryThrew { get; private set; }

    public List<string> Disagreements { get; } = [];

    /// <summary>False when no yes/no schema answers this schema in this mode (nothing compared).</summary>
    public bool Compare(Schema schema, ValidationMode mode, IEnumerable<string> instances, string where)
    {
        if (document.Validator.WhyNoFlagSchema(schema, mode) is not null)
        {
            return false;
        }

        foreach (var instance in instances)
        {
            using var json = JsonDocument.Parse(instance);
            var expected = Answer(() => _library.IsValid(schema, json.RootElement, mode));
            var actual = Answer(() => document.Validator.IsValid(schema, json.RootElement, mode));
            if (expected.StartsWith("threw", StringComparison.Ordinal))
            {
                LibraryThrew++;
                continue;
            }

            Compared++;
            if (actual != expected)
            {
                Disagreements.Add($"{where} ({mode}): {Shorten(instance)}: Json.Schema.Net says {expected}, the yes/no schema {actual}");
            }
        }

        return true;
    }

    private static string Answer(Func<bool> check)
    {
        try
        {
            return check() ? "valid" : "invalid";
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            return $"threw {ex.GetType().Name}";
        }
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
