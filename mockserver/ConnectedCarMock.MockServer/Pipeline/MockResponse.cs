using System.Text;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>What the pipeline answers: status, headers and body bytes, or a dropped connection.</summary>
internal sealed class MockResponse
{
    public MockResponse(int status) => Status = status;

    public int Status { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    public string? ContentType { get; set; }

    /// <summary>Drop the connection without answering (the <c>reset</c> fault).</summary>
    public bool Abort { get; init; }

    private Dictionary<string, string>? _notes;

    /// <summary>What the log should remember about this answer beyond status, headers and body (made on first use: most answers have none).</summary>
    public Dictionary<string, string> Notes => _notes ??= new(StringComparer.Ordinal);

    public string? Note(string key) => _notes is not null && _notes.TryGetValue(key, out var value) ? value : null;

    public static MockResponse Reset() => new(0) { Abort = true };

    public MockResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A copy with another status (headers, body and content type kept).</summary>
    public MockResponse WithStatus(int status)
    {
        var copy = new MockResponse(status) { Body = Body, ContentType = ContentType, Abort = Abort };
        copy.Headers.AddRange(Headers);
        foreach (var (key, value) in _notes ?? [])
        {
            copy.Notes[key] = value;
        }

        return copy;
    }
}
