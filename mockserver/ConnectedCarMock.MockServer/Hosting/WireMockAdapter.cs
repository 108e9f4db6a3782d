using ConnectedCarMock.MockServer.Pipeline;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// Between WireMock.Net's messages and the pipeline's types: for the catch-all mapping (requests
/// WireMock answers because a user mapping might have matched, and none did) and for the journal.
/// </summary>
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
            Headers = headers,
            Body = message.BodyAsBytes ?? message.BodyData?.BodyAsBytes ?? (message.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : []),
            BaseUrl = url.GetLeftPart(UriPartial.Authority),
        };
    }

    public static ResponseMessage ToResponseMessage(MockResponse response, DateTime? at = null)
    {
        var message = new ResponseMessage { StatusCode = response.Status };
        if (at is { } time)
        {
            message.DateTime = time;
        }

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

    /// <summary>
    /// Whether WireMock's query parser throws on this query (a parameter made of '=' only, as in <c>?=</c>):
    /// such a request never goes to WireMock, whose answer would be a 500 with a stack trace.
    /// </summary>
    public static bool CannotParse(string rawQuery) =>
        rawQuery.Length > 0 && rawQuery.Split('&', ';').Any(p => p.Length > 0 && p.All(c => c == '='));
}
