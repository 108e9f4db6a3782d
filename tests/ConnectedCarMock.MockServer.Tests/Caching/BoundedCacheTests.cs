using ConnectedCarMock.MockServer.Caching;

namespace ConnectedCarMock.MockServer.Tests.Caching;

/// <summary>The one cache type: bounded whatever clients send, and a value made once per key while it stays.</summary>
public class BoundedCacheTests
{
    [Test]
    public void Endless_distinct_keys_never_grow_it_past_its_capacity()
    {
        var cache = new BoundedCache<string, int>("test", 100, StringComparer.Ordinal);

        for (var i = 0; i < 10_000; i++)
        {
            cache.GetOrAdd("key" + i, k => k.Length);
        }

        Assert.That(cache.Count, Is.LessThanOrEqualTo(100));
    }

    [Test]
    public void A_value_is_made_once_while_its_key_is_kept()
    {
        var cache = new BoundedCache<(string, long), string>("test", 100);
        var made = 0;

        for (var i = 0; i < 5; i++)
        {
            cache.GetOrAdd(("a", 1), _ => (++made).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.That(made, Is.EqualTo(1));
        Assert.That(cache.TryGet(("a", 1), out var value) ? value : null, Is.EqualTo("1"));
    }

    [Test]
    public void Every_cache_of_a_mock_is_bounded_and_named()
    {
        var caches = new Caches();
        var all = typeof(Caches).GetProperties()
            .Select(p => p.GetValue(caches))
            .Where(v => v is not null && v.GetType().IsGenericType && v.GetType().GetGenericTypeDefinition() == typeof(BoundedCache<,>))
            .Select(v => ((string)v!.GetType().GetProperty("Name")!.GetValue(v)!, (int)v.GetType().GetProperty("Capacity")!.GetValue(v)!))
            .ToList();

        Assert.That(all, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(all.Select(c => c.Item1), Is.Unique);
        Assert.That(all.Select(c => c.Item2), Is.All.InRange(1_000, 20_000));
    }
}
