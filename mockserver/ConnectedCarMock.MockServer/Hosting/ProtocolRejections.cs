using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using ConnectedCarMock.MockServer.Pipeline;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// Requests Kestrel refuses before any middleware runs (a <c>%00</c> in the path, bytes outside ASCII in
/// the request target, an oversized request line) get the API's error model too, instead of Kestrel's
/// bare answer with an empty body. Kestrel offers no hook for that answer; it does log the refusal
/// (category <c>...Kestrel.BadRequests</c>, synchronously, before it answers and closes the connection).
/// This logger marks the connection, and the connection's output, wrapped by <see cref="Use"/>, then
/// writes an xError answer with the same status in place of Kestrel's.
/// </summary>
internal sealed class ProtocolRejections : ILoggerProvider, ILogger
{
    public const string Category = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    private readonly ConcurrentDictionary<string, RejectingWriter> _connections = new(StringComparer.Ordinal);

    /// <summary>The connection middleware: wraps the output of every connection.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> Use => next => async connection =>
    {
        var transport = connection.Transport;
        var writer = new RejectingWriter(transport.Output);
        connection.Transport = new Duplex(transport.Input, writer);
        _connections[connection.ConnectionId] = writer;
        try
        {
            await next(connection);
        }
        finally
        {
            _connections.TryRemove(connection.ConnectionId, out _);
        }
    };

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not BadHttpRequestException rejected || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return;
        }

        foreach (var (key, value) in fields)
        {
            if (key == "ConnectionId" && value is string id && _connections.TryGetValue(id, out var writer))
            {
                writer.Reject(rejected.StatusCode, rejected.Message);
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    /// <summary>Passes Kestrel's output through until the connection is refused; then writes the xError answer instead.</summary>
    private sealed class RejectingWriter(PipeWriter inner) : PipeWriter
    {
        private byte[]? _answer;
        private byte[] _discard = [];
        private int _written;

        public void Reject(int status, string reason)
        {
            var error = ErrorBodies.Create(status, status == 400 ? "BAD_REQUEST" : "REQUEST_REJECTED", "the request is malformed: " + ParameterReader.Printable(reason));
            var head = $"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: {ErrorBodies.ContentType}\r\nContent-Length: {error.Body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n";
            _answer = [.. Encoding.ASCII.GetBytes(head), .. error.Body];
        }

        public override void Advance(int bytes)
        {
            if (_answer is null)
            {
                inner.Advance(bytes);
            }
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _answer is null ? inner.GetMemory(sizeHint) : Discard(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _answer is null ? inner.GetSpan(sizeHint) : Discard(sizeHint).Span;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            if (_answer is not null && Interlocked.Exchange(ref _written, 1) == 0)
            {
                inner.Write(_answer);
                inner.FlushAsync().AsTask().GetAwaiter().GetResult();
            }

            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            await FlushAsync();
            await inner.CompleteAsync(exception);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            if (_answer is not null && Interlocked.Exchange(ref _written, 1) == 0)
            {
                inner.Write(_answer);
            }

            return inner.FlushAsync(cancellationToken);
        }

        private Memory<byte> Discard(int sizeHint)
        {
            if (_discard.Length < Math.Max(sizeHint, 4096))
            {
                _discard = new byte[Math.Max(sizeHint, 4096)];
            }

            return _discard;
        }
    }
}
