using Microsoft.AspNetCore.WebUtilities;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Query strings and form bodies, read with ASP.NET Core's <see cref="QueryStringEnumerable"/> (what
/// <c>QueryHelpers</c> uses): <c>+</c> is a space, bad escapes stay as sent, empty names and values are kept
/// (<c>?=</c> is one parameter named "" with the value ""). Names compare exactly, repeated names keep
/// every value, commas are not split here.
/// </summary>
internal static class QueryString
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(text))
        {
            var name = pair.DecodeName().ToString();
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(pair.DecodeValue().ToString());
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Empty { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
