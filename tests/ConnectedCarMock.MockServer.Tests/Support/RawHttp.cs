using System.Net.Sockets;
using System.Text;

namespace ConnectedCarMock.MockServer.Tests.Support;

/// <summary>An HTTP/1.1 request as bytes, sent over a socket so nothing normalizes it, and the answer read back whole.</summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string? ContentType, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static byte[] Request(string method, byte[] target, IEnumerable<(string Name, byte[] Value)> headers, byte[]? body = null)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes(method + " "));
        bytes.AddRange(target);
        bytes.AddRange(" HTTP/1.1\r\nHost: localhost\r\n"u8.ToArray());
        foreach (var (name, value) in headers)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(name + ": "));
            bytes.AddRange(value);
            bytes.AddRange("\r\n"u8.ToArray());
        }

        if (body is not null)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n"));
        }

        bytes.AddRange("Connection: close\r\n\r\n"u8.ToArray());
        if (body is not null)
        {
            bytes.AddRange(body);
        }

        return [.. bytes];
    }

    /// <summary>Sends the bytes and reads until the server closes; status 0 when it closes without an answer.</summary>
    public static async Task<Answer> SendAsync(int port, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before a large body is fully sent; read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, n);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }

        return Parse(received.ToArray());
    }

    private static Answer Parse(byte[] raw)
    {
        var text = Encoding.Latin1.GetString(raw);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0 || !int.TryParse(text.AsSpan(9, 3), out var status))
        {
            return new Answer(0, null, []);
        }

        string? contentType = null;
        var length = -1;
        foreach (var line in text[..end].Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = raw[(end + 4)..];
        return new Answer(status, contentType, length >= 0 && length <= body.Length ? body[..length] : body);
    }
}
