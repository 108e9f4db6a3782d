using System.Text.Json.Nodes;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// The format checkers that judge generated values (<see cref="RfcFormats"/>) say what the suite says on every
/// instance of its date-time, uri and uuid groups, and what the RFCs' own examples say.
/// </summary>
public class RfcFormatsTests
{
    private static readonly Dictionary<string, Func<string, bool>> Checkers = new(StringComparer.Ordinal)
    {
        ["date-time"] = RfcFormats.IsDateTime,
        ["uri"] = RfcFormats.IsUri,
        ["uuid"] = RfcFormats.IsUuid,
    };

    public static IEnumerable<TestCaseData> SuiteFormatFiles() =>
        from draft in TestSuiteGroups.Drafts
        from format in new[] { "date-time", "uri", "uuid" }
        select new TestCaseData(draft, format).SetName($"{draft} › optional/format/{format}.json");

    [TestCaseSource(nameof(SuiteFormatFiles))]
    public void The_checker_agrees_with_the_suite_on_every_instance(string draft, string format)
    {
        var groups = TestSuiteGroups.Of(draft).Where(g => g.File == $"optional/format/{format}.json").ToList();
        if (groups.Count == 0)
        {
            Assert.Ignore($"{draft} has no optional/format/{format}.json at {CorpusDocuments.TestSuite}.");
        }

        var strings = groups.SelectMany(g => g.Tests).Where(t => JsonNode.Parse(t.Data) is JsonValue v && v.TryGetValue<string>(out _)).ToList();
        var disagreements = strings.Where(t => Checkers[format](JsonNode.Parse(t.Data)!.GetValue<string>()) != t.Valid)
            .Select(t => $"{t.Data}: the suite says {(t.Valid ? "valid" : "invalid")}").ToList();

        Assert.That(strings, Is.Not.Empty);
        Assert.That(disagreements, Is.Empty);
    }

    // RFC 3339 §5.8 examples (and §5.7's leap second), RFC 4122 §3's example, RFC 3986 §1.1.2's examples.
    [TestCase("date-time", "1985-04-12T23:20:50.52Z", true)]
    [TestCase("date-time", "1996-12-19T16:39:57-08:00", true)]
    [TestCase("date-time", "1990-12-31T23:59:60Z", true)]
    [TestCase("date-time", "1990-12-31T15:59:60-08:00", true)]
    [TestCase("date-time", "1937-01-01T12:00:27.87+00:20", true)]
    [TestCase("date-time", "2024-02-29T00:00:00Z", true)]
    [TestCase("date-time", "2023-02-29T00:00:00Z", false)]
    [TestCase("date-time", "1985-04-12 23:20:50Z", false)]
    [TestCase("uuid", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true)]
    [TestCase("uuid", "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}", false)]
    [TestCase("uri", "ftp://ftp.is.co.za/rfc/rfc1808.txt", true)]
    [TestCase("uri", "http://www.ietf.org/rfc/rfc2396.txt", true)]
    [TestCase("uri", "ldap://[2001:db8::7]/c=GB?objectClass?one", true)]
    [TestCase("uri", "mailto:John.Doe@example.com", true)]
    [TestCase("uri", "news:comp.infosystems.www.servers.unix", true)]
    [TestCase("uri", "tel:+1-816-555-1212", true)]
    [TestCase("uri", "telnet://192.0.2.16:80/", true)]
    [TestCase("uri", "urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true)]
    [TestCase("uri", "http://[v1.fe80::a+en1]/", true)]
    [TestCase("uri", "../relative/reference", false)]
    [TestCase("uri", "https://example.com/a b", false)]
    public void The_checker_follows_the_rfc(string format, string text, bool valid)
    {
        Assert.That(Checkers[format](text), Is.EqualTo(valid));
    }
}
