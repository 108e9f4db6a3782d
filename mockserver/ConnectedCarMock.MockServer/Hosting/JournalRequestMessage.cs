using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConnectedCarMock.MockServer.Pipeline;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// A fast-path request in WireMock's own request shape: what the journal shows at
/// <c>/__admin/requests</c>, and what user mappings are matched against. Mirrors WireMock's reading
/// (decoded path, <c>?</c>-prefixed raw query, JSON body parsed when it is JSON), without its query
/// parser, which throws on <c>?=</c>.
/// </summary>
internal sealed class JournalRequestMessage : IRequestMessage
{
    private readonly JournalEntry _entry;

    public JournalRequestMessage(JournalEntry entry)
    {
        _entry = entry;
        Origin = $"{entry.Scheme}://{entry.Host}";
        var authority = Uri.TryCreate(Origin, UriKind.Absolute, out var origin) ? origin : new Uri("http://localhost");
        Host = authority.Host;
        Port = authority.Port;
        Url = Origin + entry.RawPath + (entry.RawQuery.Length > 0 ? "?" + entry.RawQuery : string.Empty);
        Path = WebUtility.UrlDecode(entry.RawPath);
        PathSegments = Path.Split('/').Skip(1).ToArray();
        RawQuery = entry.RawQuery.Length > 0 ? "?" + entry.RawQuery : string.Empty;
        Query = QueryString.Parse(entry.RawQuery).ToDictionary(p => p.Key, p => new WireMockList<string>(p.Value), StringComparer.Ordinal);
        QueryIgnoreCase = new Dictionary<string, WireMockList<string>>(Query, StringComparer.OrdinalIgnoreCase);
        Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in entry.Headers)
        {
            Headers[name] = new WireMockList<string>(values.ToArray()!);
        }

        Cookies = Cookie(entry.Header("Cookie"));
        BodyData = BodyOf(entry.Body, entry.Header("Content-Type"));
    }

    public string ClientIP => _entry.ClientAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : string.Empty;

    public string Url { get; }

    public string AbsoluteUrl => Url;

    public string? ProxyUrl { get; set; }

    public DateTime DateTime => _entry.At;

    public string Path { get; }

    public string AbsolutePath => Path;

    public string[] PathSegments { get; }

    public string[] AbsolutePathSegments => PathSegments;

    public string Method => _entry.Method;

    public string HttpVersion => _entry.Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? _entry.Protocol[5..] : _entry.Protocol;

    public IDictionary<string, WireMockList<string>>? Headers { get; }

    public IDictionary<string, string>? Cookies { get; }

    public IDictionary<string, WireMockList<string>>? Query { get; }

    public IDictionary<string, WireMockList<string>>? QueryIgnoreCase { get; }

    public string RawQuery { get; }

    public IBodyData? BodyData { get; }

    public string? Body => BodyData?.BodyAsString;

    public object? BodyAsJson => BodyData?.BodyAsJson;

    public byte[]? BodyAsBytes => BodyData?.BodyAsBytes;

    public WireMock.Models.Mime.IMimeMessageData? BodyAsMimeMessage => null;

    public string? DetectedBodyType => BodyData?.DetectedBodyType?.ToString();

    public string? DetectedBodyTypeFromContentType => BodyData?.DetectedBodyTypeFromContentType?.ToString();

    public string? DetectedCompression => null;

    public string Host { get; }

    public string Protocol => _entry.Scheme;

    public int Port { get; }

    public string Origin { get; }

    public X509Certificate2? ClientCertificate => null;

    public WireMockList<string>? GetParameter(string key, bool ignoreCase = false) =>
        (ignoreCase ? QueryIgnoreCase : Query) is { } query && query.TryGetValue(key, out var values) ? values : null;

    private static Dictionary<string, string>? Cookie(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                cookies[part[..equals]] = part[(equals + 1)..];
            }
        }

        return cookies;
    }

    private static BodyData? BodyOf(byte[] bytes, string? contentType)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var body = new BodyData { BodyAsBytes = bytes, DetectedBodyType = BodyType.Bytes, DetectedBodyTypeFromContentType = BodyType.Bytes };
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return body;
        }

        body.BodyAsString = text;
        body.Encoding = Encoding.UTF8;
        body.DetectedBodyType = BodyType.String;
        var isJson = contentType is not null && (contentType.Contains("json", StringComparison.OrdinalIgnoreCase));
        body.DetectedBodyTypeFromContentType = isJson ? BodyType.Json : BodyType.String;
        if (isJson)
        {
            try
            {
                body.BodyAsJson = JToken.Parse(text);
                body.DetectedBodyType = BodyType.Json;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // Not JSON after all: WireMock keeps it as a string too.
            }
        }

        return body;
    }
}
