using BitFaster.Caching.Lru;

namespace ConnectedCarMock.MockServer.Caching;

/// <summary>
/// The one kind of cache in the mock: bounded by entry count, least recently used out first
/// (BitFaster's <see cref="ConcurrentLru{K, V}"/>), with typed keys. Every instance is created in
/// <see cref="Caches"/>, which says what each holds and how many entries it keeps.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentLru<TKey, TValue> _lru;

    public BoundedCache(string name, int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        Name = name;
        Capacity = capacity;
        _lru = new ConcurrentLru<TKey, TValue>(Math.Max(1, Environment.ProcessorCount), capacity, comparer ?? EqualityComparer<TKey>.Default);
    }

    public string Name { get; }

    public int Capacity { get; }

    public int Count => _lru.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create) => _lru.GetOrAdd(key, create);

    /// <summary>As <see cref="GetOrAdd(TKey, Func{TKey, TValue})"/>, with the factory's state passed rather than captured (no closure per call).</summary>
    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> create, TState state) => _lru.GetOrAdd(key, create, state);

    public bool TryGet(TKey key, out TValue value) => _lru.TryGet(key, out value!);

    public void Set(TKey key, TValue value) => _lru.AddOrUpdate(key, value);

    public bool Remove(TKey key) => _lru.TryRemove(key);

    public void Clear() => _lru.Clear();
}
