using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.MockServer.Tests.Support;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>
/// Over 2,000 malformed requests, generated from a seed over every operation of both documents (see
/// <see cref="GeneratedRequestCorpus"/>), plus the two the fuzzer found: no answer is a 5xx, every 4xx
/// is the API's error model (<c>application/json</c>, <c>{name, debug, message}</c>), nothing is logged
/// as a crash, and the server still answers afterwards.
/// </summary>
public class GeneratedMalformedCorpusTests
{
    private const int Seed = 20251129;
    private const int PerOperation = 26;

    [TestCase(Specs.Ours)]
    [TestCase(Specs.Published)]
    public async Task Generated_malformed_requests_never_get_a_5xx_and_every_4xx_is_an_xError(string spec)
    {
        await using var mock = await RunningMock.StartAsync(spec);
        var corpus = new GeneratedRequestCorpus(mock, Seed);
        var requests = mock.Document.Operations.SelectMany(o => corpus.For(o, PerOperation)).ToList();
        if (spec == Specs.Ours)
        {
            // The two requests of issue 12: an empty query name (WireMock's parser threw), a NUL in a path (Kestrel answered with nothing).
            requests.Add(("issue 12: empty query name", RawHttp.Request("GET", "/api/connectedcar/v1/accounts/channels?="u8.ToArray(), [("Authorization", Encoding.ASCII.GetBytes("Bearer " + mock.Token))])));
            requests.Add(("issue 12: NUL in a path", RawHttp.Request("GET", "/api/connectedcar/v1/accounts/channels/a%00b/monitors"u8.ToArray(), [("Authorization", Encoding.ASCII.GetBytes("Bearer " + mock.Token))])));
        }

        var failures = new List<string>();
        var counts = new SortedDictionary<int, int>();
        foreach (var (name, raw) in requests)
        {
            var answer = await RawHttp.SendAsync(mock.Server.Port, raw);
            counts[answer.Status] = counts.GetValueOrDefault(answer.Status) + 1;
            if (Problem(answer) is { } problem)
            {
                failures.Add($"{name}: {problem}");
            }
        }

        TestContext.Out.WriteLine($"{spec}: {requests.Count} requests over {mock.Document.Operations.Count} operations (seed {Seed}): " + string.Join(", ", counts.Select(c => $"{c.Key}×{c.Value}")));
        var health = await mock.Anonymous.GetAsync(ConnectedCarMockServer.HealthPath);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Count * 2, Is.GreaterThanOrEqualTo(2_000), "both documents together send at least 2,000");
            Assert.That(failures, Is.Empty);
            Assert.That(counts.Keys.Where(s => s >= 400), Is.Not.Empty, "the corpus reaches the error paths");
            Assert.That(mock.Log.Where(l => l.Contains(" 500 ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)), Is.Empty);
            Assert.That((int)health.StatusCode, Is.EqualTo(200));
        });
    }

    private static string? Problem(RawHttp.Answer answer)
    {
        if (answer.Status is 0 or >= 500)
        {
            return $"answered {answer.Status}: {Clip(answer.Text)}";
        }

        if (answer.Status < 400)
        {
            return null;
        }

        if (answer.ContentType?.Split(';')[0] != "application/json")
        {
            return $"{answer.Status} with content type '{answer.ContentType}': {Clip(answer.Text)}";
        }

        try
        {
            var body = JsonNode.Parse(answer.Body) as JsonObject;
            var names = body?.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            return names is ["debug", "message", "name"] && body!.All(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
                ? null
                : $"{answer.Status} body is not an xError: {Clip(answer.Text)}";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"{answer.Status} body is not JSON: {Clip(answer.Text)}";
        }
    }

    private static string Clip(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
