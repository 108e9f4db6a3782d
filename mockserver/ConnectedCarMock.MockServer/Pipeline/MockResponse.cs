using System.Text;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>What the pipeline answers: status, headers and body bytes.</summary>
internal sealed class MockResponse
{
    public MockResponse(int status) => Status = status;

    public int Status { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    public string? ContentType { get; set; }

    /// <summary>What the journal should remember about this answer beyond status, headers and body.</summary>
    public Dictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

    public MockResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A copy with another status (headers, body and content type kept).</summary>
    public MockResponse WithStatus(int status)
    {
        var copy = new MockResponse(status) { Body = Body, ContentType = ContentType };
        copy.Headers.AddRange(Headers);
        foreach (var (key, value) in Notes)
        {
            copy.Notes[key] = value;
        }

        return copy;
    }
}
