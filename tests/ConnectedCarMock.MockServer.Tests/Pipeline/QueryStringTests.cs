using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Tests.Pipeline;

/// <summary>Query and form parsing (ASP.NET Core's QueryStringEnumerable): nothing a client sends makes it throw.</summary>
public class QueryStringTests
{
    [TestCase("=", "", "")]
    [TestCase("==", "", "=")]
    [TestCase("a=%ZZ", "a", "%ZZ")]
    [TestCase("a=%FF", "a", "%FF")]
    [TestCase("a+b=c+d", "a b", "c d")]
    [TestCase("a=%00", "a", "\0")]
    [TestCase("a", "a", "")]
    public void Odd_pairs_keep_a_name_and_a_value(string query, string name, string value)
    {
        var parsed = QueryString.Parse(query);

        Assert.That(parsed[name], Is.EqualTo(new[] { value }));
    }

    [Test]
    public void Repeated_names_keep_every_value_in_order_and_names_compare_exactly()
    {
        var parsed = QueryString.Parse("pageSize=1&PageSize=2&pageSize=3&&");

        Assert.That(parsed["pageSize"], Is.EqualTo(new[] { "1", "3" }));
        Assert.That(parsed["PageSize"], Is.EqualTo(new[] { "2" }));
        Assert.That(parsed, Has.Count.EqualTo(2));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Nothing_parses_to_nothing(string? query)
    {
        Assert.That(QueryString.Parse(query), Is.Empty);
    }
}
