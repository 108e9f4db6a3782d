using ConnectedCarMock.MockServer.Pipeline;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>Translates between WireMock.Net's request/response messages and the pipeline's own types.</summary>
internal static class WireMockAdapter
{
    public static MockRequest ToMockRequest(IRequestMessage message)
    {
        var url = new Uri(message.Url);
        var rawQuery = url.Query.Length > 0 ? url.Query[1..] : string.Empty;
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[name] = values.ToArray();
        }

        return new MockRequest
        {
            Method = message.Method.ToUpperInvariant(),
            Path = url.AbsolutePath,
            RawQuery = rawQuery,
            Query = ParseQuery(rawQuery),
            Headers = headers,
            Body = message.BodyAsBytes ?? message.BodyData?.BodyAsBytes ?? (message.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : []),
            BaseUrl = url.GetLeftPart(UriPartial.Authority),
        };
    }

    public static ResponseMessage ToResponseMessage(MockResponse response)
    {
        var message = new ResponseMessage { StatusCode = response.Status };
        if (response.ContentType is not null)
        {
            message.AddHeader("Content-Type", response.ContentType);
        }

        foreach (var (name, value) in response.Headers)
        {
            message.AddHeader(name, value);
        }

        if (response.Body.Length > 0)
        {
            message.BodyData = new BodyData { BodyAsBytes = response.Body, DetectedBodyType = BodyType.Bytes };
        }

        return message;
    }

    /// <summary>Query parameters as sent: repeated names keep every value, commas are not split here.</summary>
    public static Dictionary<string, IReadOnlyList<string>> ParseQuery(string rawQuery)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
