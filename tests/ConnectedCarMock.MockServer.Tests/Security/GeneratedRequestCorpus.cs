using System.Text;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>
/// Malformed variants of a valid request for every operation, chosen from a seed: odd and empty query
/// names and values, repeated names, control characters, NUL and invalid UTF-8 in paths, headers and
/// bodies (raw and percent-encoded), huge values. Each is raw bytes, as a hostile client sends them.
/// </summary>
internal sealed class GeneratedRequestCorpus(RunningMock mock, int seed)
{
    private static readonly string[] OddQueries =
    [
        "=", "==", "=x", "x=", "&&", "&=&", "a=1&=2", "%", "%G1=1", "x=%FF%FE", "x=%00", "x=%0d%0aSet-Cookie:%20a=b", "+=+", "x=1;y", ";=;",
        "%00=1", "x=\u00e9", "x[]=1&x[]=2", "x=%C3", "%E2%82=1",
    ];

    private static readonly string[] OddSegments =
    [
        "%00", "a%00b", "%FF", "%C3%28", "%C3", "..", "%2e%2e", "%ZZ", "%", "a%0d%0ab", "%7F", "%EF%BF%BF", "a%2Fb", "%u0041",
    ];

    private static readonly byte[][] RawSegments = [[0x01], [(byte)'a', 0xFF, (byte)'b'], [0xC3, 0x28], [0x7F], [0xE2, 0x82]];

    private static readonly byte[][] OddHeaderValues =
    [
        "Bearer "u8.ToArray(), "Bearer a.b.c"u8.ToArray(), [.. "Bearer "u8, 0xFF, 0xFE], [.. "Bearer x"u8, 0x01, (byte)'y'], [.. "Bearer x"u8, 0x00, (byte)'y'],
        Encoding.ASCII.GetBytes("Bearer " + new string('x', 20_000)), "Basic %%%"u8.ToArray(), [0xC3, 0x28],
    ];

    private static readonly string[] ControlHeaders = [RequestPipeline.VariationHeader, RequestPipeline.ScenarioHeader, RequestPipeline.FaultHeader];

    private static readonly byte[][] OddBodies =
    [
        "{"u8.ToArray(), "}"u8.ToArray(), "[]"u8.ToArray(), "null"u8.ToArray(), "\"text\""u8.ToArray(), "{\"a\":1,}"u8.ToArray(), [0x00, 0x01, 0x02],
        [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'],
        Encoding.ASCII.GetBytes(new string('[', 600) + new string(']', 600)), Encoding.ASCII.GetBytes("{\"x\":\"" + new string('z', 1_100_000) + "\"}"),
        "{\"channel\":{\"webhook\":{\"target\":5}}}"u8.ToArray(), "{\"\\u0000\":\"\\ud800\"}"u8.ToArray(),
    ];

    public IEnumerable<(string Name, byte[] Raw)> For(Operation operation, int count)
    {
        var random = new Random(unchecked((seed * 31) + StableHash(operation.Id)));
        var valid = mock.RequestFor(operation);
        var target = valid.RequestUri!.OriginalString;
        var (path, query) = target.Contains('?', StringComparison.Ordinal) ? (target[..target.IndexOf('?', StringComparison.Ordinal)], target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..]) : (target, string.Empty);
        var body = valid.Content is null ? null : valid.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var contentType = valid.Content?.Headers.ContentType?.MediaType ?? "application/json";
        var declared = operation.Parameters.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).ToList();
        for (var i = 0; i < count; i++)
        {
            var (name, rawTarget, headers, sentBody) = Mutate(random, path, query, declared, body, contentType);
            var all = headers.Prepend(("Authorization", Encoding.ASCII.GetBytes("Bearer " + mock.Token))).GroupBy(h => h.Item1, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
            yield return ($"{operation.Id} #{i}: {name}", RawHttp.Request(operation.Method, rawTarget, all, sentBody));
        }
    }

    private static (string Name, byte[] Target, List<(string, byte[])> Headers, byte[]? Body) Mutate(Random random, string path, string query, List<string> declared, byte[]? body, string contentType)
    {
        var headers = new List<(string, byte[])>();
        if (body is not null)
        {
            headers.Add(("Content-Type", Encoding.ASCII.GetBytes(contentType)));
        }

        byte[] Target(string p, string q) => Encoding.ASCII.GetBytes(q.Length > 0 ? p + "?" + q : p);
        string Join(string extra) => query.Length == 0 ? extra : query + "&" + extra;
        var segments = path.Split('/');
        var segment = 1 + random.Next(segments.Length - 1);
        switch (random.Next(9))
        {
            case 0:
                var odd = OddQueries[random.Next(OddQueries.Length)];
                return ($"query {odd}", Target(path, Join(odd)), headers, body);
            case 1 when declared.Count > 0:
                var repeated = declared[random.Next(declared.Count)];
                var value = random.Next(3) switch { 0 => string.Empty, 1 => new string('9', 5_000 + random.Next(20_000)), _ => "%00" };
                return ($"repeated {repeated}", Target(path, Join($"{repeated}=1&{repeated}={value}&{repeated}=")), headers, body);
            case 2:
                var replaced = OddSegments[random.Next(OddSegments.Length)];
                var changed = segments.ToArray();
                changed[segment] = random.Next(2) == 0 ? replaced : changed[segment] + replaced;
                return ($"segment {replaced} at {segment}", Target(string.Join('/', changed), query), headers, body);
            case 3:
                var raw = RawSegments[random.Next(RawSegments.Length)];
                var prefix = Encoding.ASCII.GetBytes(string.Join('/', segments[..(segment + 1)]));
                var suffix = Encoding.ASCII.GetBytes(string.Concat(segments[(segment + 1)..].Select(s => "/" + s)) + (query.Length > 0 ? "?" + query : string.Empty));
                return ($"raw bytes {Convert.ToHexString(raw)} in segment {segment}", [.. prefix, .. raw, .. suffix], headers, body);
            case 4:
                var authorization = OddHeaderValues[random.Next(OddHeaderValues.Length)];
                headers.Add(("Authorization", authorization));
                return ($"authorization {Convert.ToHexString(authorization.AsSpan(0, Math.Min(12, authorization.Length)))}", Target(path, query), headers, body);
            case 5:
                var control = ControlHeaders[random.Next(ControlHeaders.Length)];
                var garbage = OddHeaderValues[random.Next(OddHeaderValues.Length)];
                headers.Add((control, garbage));
                return ($"{control} garbage", Target(path, query), headers, body);
            case 6:
                var sent = OddBodies[random.Next(OddBodies.Length)];
                headers.RemoveAll(h => h.Item1 == "Content-Type");
                headers.Add(("Content-Type", "application/json"u8.ToArray()));
                return ($"body {Convert.ToHexString(sent.AsSpan(0, Math.Min(8, sent.Length)))} ({sent.Length} bytes)", Target(path, query), headers, sent);
            case 7:
                var type = random.Next(4) switch { 0 => "text/plain", 1 => "application/json; charset=\u00ff", 2 => "application/json; charset=utf-16", _ => "\u0001/\u0002" };
                headers.RemoveAll(h => h.Item1 == "Content-Type");
                headers.Add(("Content-Type", Encoding.Latin1.GetBytes(type)));
                return ($"content type {type}", Target(path, query), headers, body ?? "{}"u8.ToArray());
            default:
                var huge = new string('h', 10_000 + random.Next(40_000));
                return random.Next(2) == 0
                    ? ("huge query value", Target(path, Join("x=" + huge)), headers, body)
                    : ("huge segment", Target(string.Join('/', segments.Take(segment).Append(huge).Concat(segments.Skip(segment + 1))), query), headers, body);
        }
    }

    // string.GetHashCode and HashCode differ per process: the corpus must not.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
