using System.Text;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>
/// Hostile and broken requests, sent as raw bytes so nothing normalizes them: every answer is one of
/// 400/401/403/404/405/413/415, nothing crashes or logs an unhandled exception, and /health still answers.
/// </summary>
public class MalformedRequestCorpusTests
{
    private static readonly int[] Allowed = [400, 401, 403, 404, 405, 413, 415];

    [Test]
    public async Task Two_hundred_malformed_requests_get_only_client_error_answers()
    {
        await using var mock = await RunningMock.StartAsync();
        var corpus = Corpus(mock).ToList();
        var outside = new List<string>();
        var counts = new SortedDictionary<int, int>();

        foreach (var (name, raw) in corpus)
        {
            var status = (await RawHttp.SendAsync(mock.Server.Port, raw)).Status;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            if (!Allowed.Contains(status))
            {
                outside.Add($"{name}: {status}");
            }
        }

        TestContext.Out.WriteLine($"{corpus.Count} requests: " + string.Join(", ", counts.Select(c => $"{c.Key}×{c.Value}")));
        var health = await mock.Anonymous.GetAsync(ConnectedCarMockServer.HealthPath);
        Assert.Multiple(() =>
        {
            Assert.That(corpus, Has.Count.GreaterThanOrEqualTo(200));
            Assert.That(outside, Is.Empty);
            Assert.That(mock.Log.Where(l => l.Contains(" 500 ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)), Is.Empty);
            Assert.That((int)health.StatusCode, Is.EqualTo(200));
        });
    }

    private static IEnumerable<(string Name, byte[] Raw)> Corpus(RunningMock mock)
    {
        var token = mock.Token;
        var vehicle = mock.World.IdsOf(mock.World.Model.ByList("/accounts/vehicles")!, new Dictionary<string, string>())[0];
        var api = "/api/connectedcar/v1";
        var auth = $"Authorization: Bearer {token}\r\n";

        static byte[] Raw(string text) => Encoding.UTF8.GetBytes(text);
        string Get(string target, string headers = "") => $"GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n";
        string Send(string method, string target, string contentType, string body, string headers = "") =>
            $"{method} {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Content-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

        // Bad query values on every list operation's paging and filters.
        string[] badQueries = ["pageSize=0", "pageSize=-5", "pageSize=1e9", "pageSize=abc", "pageSize=%00", "pageToken=%FF%FE", "pageToken=' OR 1=1 --", "indexRange=--", "indexRange=9-1",
            "indexRange=99999999999999-", "orderBy=random", "orderBy=%0d%0aX-Injected:%20yes", "timestamps=", "pageSize=3.5", "pageSize=99999999999999999999"];
        string[] lists = ["/accounts/vehicles", $"/accounts/vehicles/{vehicle}/trips", $"/accounts/vehicles/{vehicle}/alerts", $"/accounts/vehicles/{vehicle}/collisions", $"/accounts/vehicles/{vehicle}/alarms", $"/accounts/vehicles/{vehicle}/stolen"];
        foreach (var list in lists)
        {
            var template = list.Replace(vehicle, "{id}", StringComparison.Ordinal);
            var declared = mock.Document.Operations.Single(o => o.Method == "GET" && o.Path == template).Parameters.Select(p => p.Name).ToHashSet();
            foreach (var query in badQueries.Where(q => declared.Contains(q.Split('=')[0])))
            {
                yield return ($"query {list}?{query}", Raw(Get($"{api}{list}?{query}", auth)));
            }
        }

        // Path traversal, encoded separators, unknown ids, odd characters.
        string[] paths = ["/../../etc/passwd", "/accounts/vehicles/..%2F..%2Fsecrets", "/accounts/vehicles/%2e%2e/%2e%2e", "/accounts/vehicles/%00", "/accounts/vehicles/%0d%0aSet-Cookie:%20a=b",
            "/accounts/vehicles/<script>alert(1)</script>", "/accounts/vehicles/' OR '1'='1", "/accounts/vehicles/" + new string('9', 300), "/accounts//vehicles", "/accounts/vehicles/%ZZ",
            "/accounts/vehicles/unknown/trips/unknown", "/accounts/vehicles/\u00e9\u00e8", "/accounts/channels/../../../etc", "/ACCOUNTS/VEHICLES", "/accounts/vehicles;jsessionid=1"];
        foreach (var path in paths)
        {
            yield return ($"path {path}", Raw(Get(api + path, auth)));
            yield return ($"path outside base {path}", Raw(Get(path, auth)));
        }

        // Very long URLs.
        foreach (var length in new[] { 2_000, 8_000, 16_000, 30_000 })
        {
            yield return ($"long path {length}", Raw(Get($"{api}/accounts/vehicles/{new string('a', length)}", auth)));
            yield return ($"long query {length}", Raw(Get($"{api}/accounts/vehicles?pageSize={new string('7', length)}", auth)));
        }

        // Header injection and broken credentials.
        string[] authorizations = ["Bearer", "Bearer ", "Bearer a.b", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "bearer " + token + "x", "Bearer " + token[..^4],
            "Bearer " + new string('x', 10_000), "Token abc", "Bearer \u00e9\u00e8", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer ..", "Bearer " + token + " extra"];
        foreach (var value in authorizations)
        {
            yield return ($"authorization '{value[..Math.Min(20, value.Length)]}'", Raw(Get($"{api}/accounts/vehicles", $"Authorization: {value}\r\n")));
        }

        yield return ("header injection in value", Raw(Get($"{api}/accounts/vehicles", $"X-Test: a\rInjected: b\r\n{auth}")));
        yield return ("fault header garbage", Raw(Get($"{api}/accounts/vehicles", $"X-Mock-Fault: status=200;drop-table\r\n{auth}")));
        yield return ("scenario header garbage", Raw(Get($"{api}/accounts/vehicles", $"X-Mock-Scenario: ../../etc/passwd\r\n{auth}")));
        yield return ("huge header", Raw(Get($"{api}/accounts/vehicles", $"X-Mock-Scenario: {new string('h', 20_000)}\r\n{auth}")));

        // Bodies: malformed JSON, wrong types, wrong content types, huge, deep.
        string[] bodies = ["{", "}", "[]", "null", "42", "\"text\"", "{\"channel\":", "{\"channel\": null}", "{\"channel\": []}", "{\"channel\": {\"pushnotif\": 1}}",
            "{\"channel\": {\"webhook\": {\"target\": 5}}}", "{'single': 'quotes'}", "{\"a\":1,}", "\u0000\u0001", string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)),
            "{\"channel\": {\"pushnotif\": " + new string('7', 100_000) + "}}"];
        string[] creators = ["/accounts/channels", $"/accounts/vehicles/{vehicle}/channels/unknown/remotes"];
        foreach (var target in creators)
        {
            foreach (var body in bodies)
            {
                yield return ($"body {target} {body[..Math.Min(15, body.Length)]}", Raw(Send("POST", api + target, "application/json", body, auth)));
            }

            foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", "application/json; charset=utf-16" })
            {
                yield return ($"content type '{type}' {target}", Raw(Send("POST", api + target, type, "{\"channel\":{}}", auth)));
            }
        }

        yield return ("body of 3 MB", Raw(Send("POST", api + "/accounts/channels", "application/json", "{\"x\":\"" + new string('z', 3 << 20) + "\"}", auth)));

        // Methods the paths do not have, and methods nobody has.
        foreach (var method in new[] { "DELETE", "PATCH", "PUT", "POST", "TRACE", "PROPFIND", "FOO" })
        {
            yield return ($"method {method}", Raw(Send(method, $"{api}/accounts/vehicles", "application/json", "{}", auth)));
            yield return ($"method {method} on item", Raw(Send(method, $"{api}/accounts/vehicles/{vehicle}/trips", "application/json", "{}", auth)));
        }

        // Malformed HTTP itself (Kestrel answers 400).
        yield return ("no host", Raw($"GET {api}/accounts/vehicles HTTP/1.1\r\nConnection: close\r\n\r\n"));
        yield return ("bad request line", Raw("GARBAGE\r\n\r\n"));
        yield return ("bad content length", Raw($"POST {api}/accounts/channels HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\nConnection: close\r\n\r\n"));
        yield return ("space in target", Raw($"GET {api}/accounts/vehicles x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        yield return ("control char in header name", Raw($"GET {api}/accounts/vehicles HTTP/1.1\r\nHost: localhost\r\nX\u0001Y: 1\r\nConnection: close\r\n\r\n"));
    }
}
