using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// Which requests must see the writes other replicas made up to the moment they arrive (one round trip to
/// the store), and which may answer from the replica's local copy (no round trip). A request needs the
/// store when it writes (except a create whose path names no item clients can write), or when its path
/// touches a collection that clients can write through the API
/// (channels, monitors, remotes: created, updated or deleted by POST, PUT, PATCH or DELETE). Everything else
/// (a vehicle, its telemetry, its trips) is generated from the seed and reads no client change, except what
/// provider states set up, which reaches every replica by pub/sub like the settings do.
/// </summary>
internal sealed class RedisReadPolicy
{
    private readonly Router _router;
    private readonly BoundedCache<(string Method, string Path), RouteResult?> _routes;
    private readonly Dictionary<Operation, bool> _fresh;

    /// <param name="routes">The route stage's cache: the request is routed once, whoever asks first.</param>
    public RedisReadPolicy(Router router, ResourceModel model, ApiDocument document, BoundedCache<(string Method, string Path), RouteResult?> routes)
    {
        _router = router;
        _routes = routes;
        var writable = model.Collections.Where(c => (c.Item is not null && c.CreateOperation is not null) || c.UpdateOperation is not null || c.DeleteOperation is not null).ToHashSet();
        _fresh = document.Operations.ToDictionary(o => o, o => NeedsStore(o, model, writable));
    }

    /// <summary>Whether a request must read the shared state as of its arrival.</summary>
    public bool NeedsStore(string method, string path)
    {
        var route = _routes.GetOrAdd((method, path), static (key, router) => router.Relative(key.Path) is { } relative ? router.Route(key.Method, relative) : null, _router);
        return route?.Match is { } match && _fresh.GetValueOrDefault(match.Operation, true);
    }

    /// <summary>The operations that answer from the local copy (for tests and the docs).</summary>
    public IEnumerable<Operation> LocalOperations => _fresh.Where(f => !f.Value).Select(f => f.Key);

    private static bool NeedsStore(Operation operation, ResourceModel model, HashSet<ResourceCollection> writable)
    {
        var template = new PathTemplate(operation.Path);
        var owners = template.Parameters.Select(p => model.OwnerOf(template, p)).ToList();
        if (operation.Method is not ("GET" or "HEAD"))
        {
            // A create reads nothing of the state but the items its path names (they must exist): where none of
            // them can be written by clients, no other replica's write can change its answer. The store gives its
            // id (one script), so the read before it would only be one more round trip on every create.
            return model.ByList(template.Template) is not { } list || list.CreateOperation != operation
                || owners.Any(c => c is not null && writable.Contains(c));
        }

        IEnumerable<ResourceCollection?> touched = [model.ByList(template.Template), model.ByItem(template.Template), .. owners];
        return touched.Any(c => c is not null && writable.Contains(c));
    }
}
