using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

/// <summary>The body an operation answers with, before scope filtering and variation; or the error that stops it.</summary>
internal sealed record ResourceResult(int Status, MediaType? Media, JsonNode? Body, MockResponse? Error = null, string? Location = null);

/// <summary>
/// Resolves a routed request against the world and the store: 404 for ids that do not exist,
/// lists with paging, items, and creates, updates and deletes that later requests see.
/// </summary>
internal sealed partial class ResourceHandler
{
    private const int RenderCacheLimit = 20_000;

    private readonly ResourceRenderer _renderer;
    private readonly ResourceStore _store;
    private readonly ParameterReader _parameters;
    private readonly ConcurrentDictionary<string, JsonNode?> _renders = new(StringComparer.Ordinal);

    public ResourceHandler(ResourceRenderer renderer, ResourceStore store, ParameterReader parameters)
    {
        _renderer = renderer;
        _store = store;
        _parameters = parameters;
    }

    private FleetWorld World => _renderer.World;

    private ApiDocument Document => World.Document;

    public ResourceResult Handle(RouteMatch route, MockRequest request, JsonNode? requestBody)
    {
        var (operation, address) = route;
        if (MissingResource(address) is { } missing)
        {
            return new ResourceResult(404, null, null, missing);
        }

        var success = operation.SuccessResponses.FirstOrDefault();
        var status = success?.Code ?? 200;
        var media = success?.Content.FirstOrDefault(m => m.IsJson) ?? (success is { Content.Count: > 0 } ? success.Content[0] : null);
        var collectionOfList = World.Model.ByList(address.Template.Template);
        var collectionOfItem = World.Model.ByItem(address.Template.Template);

        return operation.Method switch
        {
            "GET" when collectionOfList is not null && media?.Schema is not null && ListShape.Of(Document, media.Schema) is { } shape =>
                List(operation, collectionOfList, address, request, media, shape, status),
            "POST" when collectionOfList is { Item: not null } => Create(collectionOfList, address, requestBody, media, status),
            "PUT" or "PATCH" when collectionOfItem is not null => Update(collectionOfItem, address, requestBody, media, status),
            "DELETE" when collectionOfItem is not null => Delete(collectionOfItem, address, status),
            _ => new ResourceResult(status, media, Item(media, address, collectionOfItem)),
        };
    }

    /// <summary>Every id on the path must name an item that exists: in the world or created, and not deleted.</summary>
    private MockResponse? MissingResource(ResourceAddress address)
    {
        foreach (var parameter in address.Template.Parameters)
        {
            var owner = World.Model.OwnerOf(address.Template, parameter);
            if (owner?.Item is null || !address.Values.TryGetValue(parameter, out var id))
            {
                continue;
            }

            var parentValues = owner.List.Parameters.Where(address.Values.ContainsKey).ToDictionary(p => p, p => address.Values[p], StringComparer.Ordinal);
            if (parentValues.Count != owner.List.Parameters.Count || !Exists(owner, parentValues, id))
            {
                return ErrorBodies.NotFound($"{owner.Singular} '{ParameterReader.Printable(id)}' does not exist");
            }
        }

        return null;
    }

    private bool Exists(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues, string id)
    {
        var itemIdentity = ItemIdentity(collection, parentValues, id);
        return !_store.IsDeleted(itemIdentity)
            && (World.Contains(collection, parentValues, id) || _store.IsCreated(FleetWorld.Identity(collection.List, parentValues), id));
    }

    private static string ItemIdentity(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues, string id)
    {
        var values = new Dictionary<string, string>(parentValues, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        return FleetWorld.Identity(collection.Item!, values);
    }

    /// <summary>Ids of a collection as clients see it: the world's, then those created, minus those deleted.</summary>
    private List<string> Ids(ResourceCollection collection, IReadOnlyDictionary<string, string> parentValues)
    {
        var ids = World.IdsOf(collection, parentValues).Concat(_store.Created(FleetWorld.Identity(collection.List, parentValues)));
        return collection.Item is null
            ? ids.ToList()
            : ids.Where(id => !_store.IsDeleted(ItemIdentity(collection, parentValues, id))).ToList();
    }

    private JsonNode? Item(MediaType? media, ResourceAddress address, ResourceCollection? collection)
    {
        if (media?.Schema is not { } schema)
        {
            return null;
        }

        var identity = address.Path;
        var overlay = collection is null ? null : _store.Overlay(identity);
        var key = $"{schema.Pointer}|{identity}|{(overlay is null ? 0 : _store.Version)}";
        return Cached(key, () => WithOverlay(schema, _renderer.Render(schema, address), overlay))?.DeepClone();
    }

    private JsonNode? Cached(string key, Func<JsonNode?> render)
    {
        if (_renders.Count > RenderCacheLimit)
        {
            _renders.Clear();
        }

        return _renders.GetOrAdd(key, _ => render());
    }

    /// <summary>What a client sent when creating or updating shows in later reads, where the schema allows it.</summary>
    private JsonNode? WithOverlay(Schema schema, JsonNode? body, JsonObject? overlay)
    {
        if (overlay is null || body is not JsonObject obj)
        {
            return body;
        }

        var view = Document.View(schema);
        foreach (var (key, value) in overlay)
        {
            if (view.Property(key) is null || key == "_links")
            {
                continue;
            }

            var previous = obj[key]?.DeepClone();
            obj[key] = value?.DeepClone();
            if (!Document.Validator.Validate(schema, obj, ValidationMode.Strict).IsValid)
            {
                obj[key] = previous;
            }
        }

        return obj;
    }
}
