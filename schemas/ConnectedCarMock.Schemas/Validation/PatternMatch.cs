using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Schemas;

/// <summary>JSON Schema patterns (unanchored, ECMA 262 in spirit) matched with .NET regexes, compiled once.</summary>
public static class PatternMatch
{
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>Whether the text matches; a pattern .NET cannot read matches everything (it cannot be asserted either).</summary>
    public static bool IsMatch(string pattern, string text)
    {
        var regex = Cache.GetOrAdd(pattern, p =>
        {
            try
            {
                return new Regex(p, RegexOptions.None, TimeSpan.FromMilliseconds(100));
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
}
