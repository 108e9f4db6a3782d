using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>
/// The body an operation answers with, before scope filtering and variation; or the error that stops it.
/// <paramref name="Body"/> renders on demand (a cached answer never renders it); its result may be shared
/// and must be cloned before it is changed. <paramref name="Key"/> is set when the body depends on
/// nothing but that key (and the client's base URL).
/// </summary>
internal sealed record ResourceResult(int Status, MediaType? Media, Func<JsonNode?>? Body, MockResponse? Error = null, string? Location = null, ResourceKey? Key = null)
{
    public static ResourceResult Failed(int status, MockResponse error) => new(status, null, null, error);
}

/// <summary>
/// Resolves a routed request against the world and the store: 404 for ids that do not exist,
/// lists with paging, items, and creates, updates and deletes that later requests see.
/// </summary>
internal sealed partial class ResourceHandler
{
    private static readonly IReadOnlyDictionary<string, string> NoParents = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly ResourceRenderer _renderer;
    private readonly IStateStore _store;
    private readonly BoundedCache<ResourceKey, JsonNode?> _renders;

    public ResourceHandler(ResourceRenderer renderer, IStateStore store, BoundedCache<ResourceKey, JsonNode?> renders)
    {
        _renderer = renderer;
        _store = store;
        _renders = renders;
    }

    private FleetWorld World => _renderer.World;

    private ApiDocument Document => World.Document;

    /// <param name="state">What clients created, changed and deleted, as the request's snapshot saw it.</param>
    public async ValueTask<ResourceResult> HandleAsync(RouteMatch route, MockRequest request, JsonNode? requestBody, Scenario? scenario, ResourceState state)
    {
        var (operation, address) = route;
        if (MissingResource(address, state) is { } missing)
        {
            return ResourceResult.Failed(404, missing);
        }

        var success = operation.SuccessResponses.FirstOrDefault();
        var status = success?.Code ?? 200;
        var media = success?.Content.FirstOrDefault(m => m.IsJson) ?? (success is { Content.Count: > 0 } ? success.Content[0] : null);
        var collectionOfList = World.Model.ByList(address.Template.Template);
        var collectionOfItem = World.Model.ByItem(address.Template.Template);

        return operation.Method switch
        {
            "GET" when collectionOfList is not null && media?.Schema is not null && ListShape.Of(Document, media.Schema) is { } shape =>
                List(operation, collectionOfList, address, request, media, shape, status, scenario, state),
            "POST" when collectionOfList is { Item: not null } => await CreateAsync(collectionOfList, address, requestBody, media, status),
            "PUT" or "PATCH" when collectionOfItem is not null => await UpdateAsync(address, collectionOfItem, requestBody, media, status, state),
            "DELETE" when collectionOfItem is not null => await DeleteAsync(address, collectionOfItem, media, status, state),
            "PUT" or "PATCH" or "POST" when World.Model.SubResourceOwner(address.Template) is { } owner =>
                await UpdateSubResourceAsync(address, new ResourceAddress(owner.Item, address.Values), requestBody, media, status, state),
            "GET" when collectionOfItem is null && World.Model.SubResourceOwner(address.Template) is { } owner =>
                SubResourceResult(status, media, address, new ResourceAddress(owner.Item, address.Values), scenario, state),
            _ => ItemResult(status, media, address, collectionOfItem, scenario, state),
        };
    }

    /// <summary>Every id on the path must name an item that exists: in the world or created, and not deleted.</summary>
    private MockResponse? MissingResource(ResourceAddress address, ResourceState state)
    {
        foreach (var parameter in address.Template.Parameters)
        {
            var owner = World.Model.OwnerOf(address.Template, parameter);
            if (owner?.Item is null || !address.Values.TryGetValue(parameter, out var id))
            {
                continue;
            }

            var parentValues = owner.List.Parameters.Count == 0
                ? NoParents
                : owner.List.Parameters.Where(address.Values.ContainsKey).ToDictionary(p => p, p => address.Values[p], StringComparer.Ordinal);
            if (parentValues.Count != owner.List.Parameters.Count || !Exists(owner, parentValues, id, state))
            {
                return ErrorBodies.NotFound($"{owner.Singular} '{ParameterReader.Printable(id)}' does not exist");
            }
        }

        return null;
    }

    private bool Exists(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues, string id, ResourceState state)
    {
        // A collection the document gives no list for has items no client can discover: any id names one, until deleted.
        if (collection.ListOperation is null)
        {
            return state.IsPristine || !state.IsDeleted(ItemIdentity(collection, parentValues, id));
        }

        if (state.IsPristine)
        {
            return World.Contains(collection, parentValues, id);
        }

        var itemIdentity = ItemIdentity(collection, parentValues, id);
        return !state.IsDeleted(itemIdentity)
            && (World.Contains(collection, parentValues, id) || state.IsCreated(FleetWorld.Identity(collection.List, parentValues), id));
    }

    private static string ItemIdentity(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues, string id)
    {
        var values = new Dictionary<string, string>(parentValues, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        return FleetWorld.Identity(collection.Item!, values);
    }

    /// <summary>Ids of a collection as clients see it: the world's, then those created, minus those deleted.</summary>
    private List<string> Ids(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues, ResourceState state)
    {
        if (state.IsPristine)
        {
            return [.. World.IdsOf(collection, parentValues)];
        }

        var ids = World.IdsOf(collection, parentValues).Concat(state.Created(FleetWorld.Identity(collection.List, parentValues)));
        return collection.Item is null
            ? ids.ToList()
            : ids.Where(id => !state.IsDeleted(ItemIdentity(collection, parentValues, id))).ToList();
    }

    private ResourceResult ItemResult(int status, MediaType? media, ResourceAddress address, ResourceCollection? collection, Scenario? scenario, ResourceState state) =>
        new(status, media, () => Item(media, address, collection, scenario, state), Key: media?.Schema is null ? null : ItemKey(media.Schema, address, collection, scenario, state));

    private static ResourceKey ItemKey(Schema schema, ResourceAddress address, ResourceCollection? collection, Scenario? scenario, ResourceState state) =>
        ResourceKey.Item(schema.Pointer, address.Path, collection is not null && state.HasOverlay(address.Path) ? state.Version : 0, scenario?.Name);

    /// <summary>An item's body as rendered once (shared: clone before changing it).</summary>
    private JsonNode? Item(MediaType? media, ResourceAddress address, ResourceCollection? collection, Scenario? scenario, ResourceState state)
    {
        if (media?.Schema is not { } schema)
        {
            return null;
        }

        return _renders.GetOrAdd(ItemKey(schema, address, collection, scenario, state), _ => Overlaid(schema, address, collection is null ? null : state.Overlay(address.Path), scenario));
    }
}
