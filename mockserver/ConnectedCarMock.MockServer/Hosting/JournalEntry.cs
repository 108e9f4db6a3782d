using System.Net;
using ConnectedCarMock.MockServer.Pipeline;
using Microsoft.Extensions.Primitives;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// One request answered on the fast path, as the journal keeps it: references to what the request and
/// its answer already hold (header values, body arrays, cached answer bytes), nothing copied byte by byte.
/// </summary>
internal sealed class JournalEntry
{
    public required DateTime At { get; init; }

    public required string Method { get; init; }

    public required string Scheme { get; init; }

    public required string Host { get; init; }

    /// <summary>The path as received (percent-encoded), without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query without its <c>?</c>.</summary>
    public required string RawQuery { get; init; }

    public required string Protocol { get; init; }

    public required KeyValuePair<string, StringValues>[] Headers { get; init; }

    public required byte[] Body { get; init; }

    public IPAddress? ClientAddress { get; init; }

    /// <summary>Set when the answer is known.</summary>
    public MockResponse? Response { get; set; }

    /// <summary>Position in the journal's ring, set when recorded.</summary>
    public long Sequence { get; set; }

    public string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return values.Count > 0 ? values[0] : null;
            }
        }

        return null;
    }
}
