using System.Text.RegularExpressions;

namespace ConnectedCarMock.Pact;

/// <summary>
/// Regular expressions as the Pact engine applies them: to the whole value. <c>Elec|Hyb</c> rejects
/// <c>Hybrid</c>, exactly as verification would, where an unanchored search would accept it.
/// </summary>
internal static class PactRegex
{
    public static bool IsFullMatch(string value, string pattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
