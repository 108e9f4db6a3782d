using ConnectedCarMock.Fixtures.Events;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// The asynchronous half of the API: raises the events of remotes and monitors (from API requests,
/// triggers and scenarios), queues them, and has them delivered by the <see cref="DeliveryWorker"/>
/// to the channels they belong to, journaling every message. The API only enqueues: a slow or
/// unreachable receiver never delays an answer.
/// </summary>
internal sealed partial class EventHub : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, Scenario> _scenarios;
    private readonly Func<ValueTask<string?>> _activeScenario;
    private readonly Action<string>? _log;
    private readonly Lock _startLock = new();
    private readonly AsyncLocal<PendingCreate?> _create = new();
    private readonly bool _queuesWithCreates;
    private DeliveryWorker? _worker;
    private long _generation;
    private long _occurrences;

    /// <param name="sharedQueue">A queue shared with other replicas (given the hub's generation), or null for the in-process one; with a shared queue the worker runs from the start, to take over what other replicas left.</param>
    public EventHub(FleetWorld world, IStateStore store, IReadOnlyDictionary<string, Scenario> scenarios, DeliveryOptions options, Action<string>? log = null, Func<Func<long>, IDeliveryQueue>? sharedQueue = null)
    {
        var renderer = new ResourceRenderer(world);
        Factory = new MessageFactory(renderer);
        Subscriptions = new StoreSubscriptions(renderer, store);
        Options = options;
        _scenarios = scenarios;
        _activeScenario = async () => (await store.ReadAsync()).Settings.DefaultScenario;
        _log = log;
        var queue = sharedQueue?.Invoke(() => Generation) ?? new InMemoryDeliveryQueue();
        Queue = options.QueueWrapper?.Invoke(queue) ?? queue;
        if (queue is IAtomicDeliveryQueue atomic)
        {
            atomic.QueueWithCreates(RaisedByCreate);
            _queuesWithCreates = true;
        }

        Journal = new InMemoryDeliveryJournal(options.JournalSize);
        Deliveries = new MockDeliveries(this);
        if (sharedQueue is not null && options.Enabled)
        {
            EnsureWorker();
        }
    }

    public DeliveryOptions Options { get; }

    public MessageFactory Factory { get; }

    public ISubscriptions Subscriptions { get; }

    public IDeliveryQueue Queue { get; }

    public IDeliveryJournal Journal { get; }

    /// <summary>The in-process view for tests: the journal, and waiting for deliveries.</summary>
    public MockDeliveries Deliveries { get; }

    public long Generation => Interlocked.Read(ref _generation);

    internal EventCatalog Catalog => EventCatalog.ConnectedCar;

    public Scenario? Scenario(string? name) => name is not null && _scenarios.TryGetValue(name, out var scenario) ? scenario : null;

    /// <summary>Queues an event; the worker starts with the first one (a mock that raises none runs no sender).</summary>
    public async ValueTask EnqueueAsync(QueuedEvent item, TimeSpan delay)
    {
        EnsureWorker();
        await Queue.EnqueueAsync(item with { Generation = Generation }, delay);
    }

    /// <summary>Forgets every queued event and the journal (what <c>POST /__mock/reset</c> does to events).</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        Queue.ClearAsync().AsTask().GetAwaiter().GetResult();
        Journal.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        await Queue.DisposeAsync();
    }

    internal void Log(string line) => _log?.Invoke(line);

    internal long NextOccurrence() => Interlocked.Increment(ref _occurrences);

    private void EnsureWorker()
    {
        if (_worker is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _worker ??= new DeliveryWorker(this, new WebhookSender(Options, new HostPolicy(Options.WebhookHosts)));
        }
    }
}
