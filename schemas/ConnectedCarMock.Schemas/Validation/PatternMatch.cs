using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas;

/// <summary>JSON Schema patterns (unanchored, ECMA 262 in spirit) matched with .NET regexes, compiled once.</summary>
internal static class PatternMatch
{
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>Whether the text matches; a pattern .NET cannot read matches everything (it cannot be asserted either).</summary>
    public static bool IsMatch(string pattern, string text)
    {
        var regex = Cache.GetOrAdd(pattern, p =>
        {
            try
            {
                return new Regex(ForDotNet(p), RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
        try
        {
            return regex?.IsMatch(text) ?? true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // ECMA 262 (unicode mode) names general categories long or short; .NET reads only the short names.
    private static readonly (string Long, string Short)[] Categories =
    [
        ("Lowercase_Letter", "Ll"), ("Uppercase_Letter", "Lu"), ("Titlecase_Letter", "Lt"), ("Modifier_Letter", "Lm"), ("Other_Letter", "Lo"),
        ("Letter", "L"), ("Decimal_Number", "Nd"), ("Letter_Number", "Nl"), ("Other_Number", "No"), ("Number", "N"),
        ("Nonspacing_Mark", "Mn"), ("Spacing_Mark", "Mc"), ("Enclosing_Mark", "Me"), ("Mark", "M"),
        ("Connector_Punctuation", "Pc"), ("Dash_Punctuation", "Pd"), ("Open_Punctuation", "Ps"), ("Close_Punctuation", "Pe"),
        ("Initial_Punctuation", "Pi"), ("Final_Punctuation", "Pf"), ("Other_Punctuation", "Po"), ("Punctuation", "P"),
        ("Math_Symbol", "Sm"), ("Currency_Symbol", "Sc"), ("Modifier_Symbol", "Sk"), ("Other_Symbol", "So"), ("Symbol", "S"),
        ("Space_Separator", "Zs"), ("Line_Separator", "Zl"), ("Paragraph_Separator", "Zp"), ("Separator", "Z"),
        ("Control", "Cc"), ("Format", "Cf"), ("Surrogate", "Cs"), ("Private_Use", "Co"), ("Unassigned", "Cn"), ("Other", "C"),
    ];

    /// <summary>A JSON Schema pattern in the syntax .NET's engine reads (long Unicode category names spelt short).</summary>
    internal static string ForDotNet(string pattern)
    {
        if (!pattern.Contains("\\p{", StringComparison.Ordinal) && !pattern.Contains("\\P{", StringComparison.Ordinal))
        {
            return pattern;
        }

        foreach (var (name, abbreviation) in Categories)
        {
            pattern = pattern.Replace("\\p{" + name + "}", "\\p{" + abbreviation + "}", StringComparison.Ordinal)
                .Replace("\\P{" + name + "}", "\\P{" + abbreviation + "}", StringComparison.Ordinal)
                .Replace("\\p{General_Category=" + name + "}", "\\p{" + abbreviation + "}", StringComparison.Ordinal)
                .Replace("\\p{gc=" + name + "}", "\\p{" + abbreviation + "}", StringComparison.Ordinal);
        }

        return pattern;
    }
}
