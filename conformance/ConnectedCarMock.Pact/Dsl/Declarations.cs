namespace ConnectedCarMock.Pact;

/// <summary>
/// What a builder's tests declared since its last verification (interactions or messages), safe to add to from
/// parallel tests; each verification takes them all, so that it hands the engine exactly its own.
/// </summary>
internal sealed class Declarations<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _pending = [];

    public T Add(T item)
    {
        lock (_lock)
        {
            _pending.Add(item);
        }

        return item;
    }

    /// <exception cref="InvalidOperationException">Nothing was declared; <paramref name="hint"/> says what to call.</exception>
    public List<T> TakeAll(string hint)
    {
        List<T> taken;
        lock (_lock)
        {
            taken = [.. _pending];
            _pending.Clear();
        }

        return taken.Count > 0 ? taken : throw new InvalidOperationException(hint);
    }
}
