using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// A path parameter has no value to use. When nothing is wrong with the target (a list is empty, the
/// document has no list for the parameter) the case is skipped; when the target failed to list or
/// create, the case is an error.
/// </summary>
internal sealed class DiscoveryException(string message, bool isSkip) : Exception(message)
{
    public bool IsSkip { get; } = isSkip;
}

/// <summary>
/// Ids for path parameters, taken from the implementation itself: its list endpoints (ids from the
/// items' <c>_links.self</c>, else from an id property), or given with <c>--param</c>. Lists are read
/// once per run. Also creates fresh items for checks that change or delete what they touch.
/// </summary>
internal sealed partial class Discovery(RunSession session)
{
    private const int CandidatesPerLevel = 3;

    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, string>>>> _values = new(StringComparer.Ordinal);

    /// <summary>Values for every parameter of a path template, consistent with each other (a trip of that vehicle).</summary>
    /// <exception cref="DiscoveryException">A list is empty or unreadable and no <c>--param</c> gives the value.</exception>
    public Task<IReadOnlyDictionary<string, string>> ValuesAsync(PathTemplate template, CancellationToken cancellationToken) =>
        _values.GetOrAdd(template.Template, _ => new Lazy<Task<IReadOnlyDictionary<string, string>>>(async () =>
        {
            var empty = new List<string>();
            var values = await ResolveAsync(template, 0, new Dictionary<string, string>(StringComparer.Ordinal), empty, null, cancellationToken);
            return values ?? throw new DiscoveryException($"no ids to use for {template}: {string.Join("; ", empty.Distinct())}; pass --param NAME=VALUE", isSkip: true);
        })).Value;

    /// <param name="chain">The templates being resolved for a list's own parameters (null at the top): such resolutions are
    /// not shared, so that two lists that each need the other's ids end in no id rather than in waiting for each other.</param>
    private async Task<Dictionary<string, string>?> ResolveAsync(PathTemplate template, int index, Dictionary<string, string> values, List<string> empty, ImmutableHashSet<string>? chain, CancellationToken cancellationToken)
    {
        if (index == template.Parameters.Count)
        {
            return values;
        }

        var name = template.Parameters[index];
        if (values.ContainsKey(name))
        {
            // Given with an earlier one, from the same item (a repository's owner and name).
            return await ResolveAsync(template, index + 1, values, empty, chain, cancellationToken);
        }

        if (session.Options.Parameters.TryGetValue(name, out var given))
        {
            return await ResolveAsync(template, index + 1, new(values, StringComparer.Ordinal) { [name] = given }, empty, chain, cancellationToken);
        }

        var owner = session.Model.OwnerOf(template, name);
        if (owner?.ListOperation is null || owner.Item is null)
        {
            return await UnlistedAsync(template, index, values, owner, empty, chain, cancellationToken);
        }

        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parent in owner.List.Parameters)
        {
            var known = values.TryGetValue(parent, out var value) ? value
                : chain is null ? (await ValuesAsync(owner.List, cancellationToken))[parent]
                : (await NestedAsync(owner.List, chain, cancellationToken))?.GetValueOrDefault(parent);
            if (known is null)
            {
                return null;
            }

            parents[parent] = known;
        }

        // Only what the item's path parameter admits is an id of it: a list of positions whose integer ids are no
        // report type (traccar's /reports/route/{type}, an enum) names no item.
        var itemParameter = ParameterOf(template, name);
        var listedIds = await IdsAsync(owner, parents, cancellationToken);
        var ids = listedIds.Where(id => itemParameter is null || session.Invalid.IsValid(itemParameter, id)).ToList();
        if (ids.Count == 0 && EnumOf(itemParameter) is { Count: > 0 } named)
        {
            // Items named by an enum (a report type) are each of its values, whatever the list shows.
            ids = [.. named];
        }

        if (ids.Count == 0)
        {
            empty.Add($"GET {owner.List.Expand(parents)} lists no items{(listedIds.Count > 0 ? $" with an id '{name}' admits" : string.Empty)}");
        }

        foreach (var id in ids.Take(CandidatesPerLevel))
        {
            if (await ResolveAsync(template, index + 1, new(values, StringComparer.Ordinal) { [name] = id }, empty, chain, cancellationToken) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    private Schemas.Parameter? ParameterOf(PathTemplate template, string name) =>
        session.Document.Operations.Where(o => o.Path == template.Template).SelectMany(o => o.PathParameters).FirstOrDefault(p => p.Name == name);

    private IReadOnlyList<string> EnumOf(Schemas.Parameter? parameter) =>
        parameter?.Schema is { } schema
            ? session.Document.View(schema).Enum.Select(Text).Take(CandidatesPerLevel).ToList()
            : [];

    private static string Text(System.Text.Json.JsonElement value) => value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The ids on the first page of a collection's list.</summary>
    public Task<IReadOnlyList<string>> IdsAsync(ResourceCollection collection, IReadOnlyDictionary<string, string> parents, CancellationToken cancellationToken)
    {
        var path = collection.List.Expand(parents) ?? collection.List.Template;
        return _lists.GetOrAdd(path, _ => new Lazy<Task<IReadOnlyList<string>>>(async () =>
        {
            var token = await session.EveryScopeTokenAsync(cancellationToken);
            var request = session.Requests.Valid(collection.ListOperation!, parents, token);
            var response = await session.Http.SendAsync(request, "discovery", cancellationToken);

            if (!response.IsSuccess)
            {
                throw new DiscoveryException($"cannot list ids: GET {request.Url(session.Target)} answered {response.Status} {HttpSender.Excerpt(response.Body)}", isSkip: false);
            }

            if (MapKeys(collection.ListOperation!, response.Json) is { } keys)
            {
                return keys;
            }

            var items = Hal.Items(response.Json)?.Items ?? [];
            return items.Select(item => IdOf(collection, item, parents)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        })).Value;
    }

    /// <summary>The ids of a list the document declares as a map keyed by item id (an object of no declared property whose values are items).</summary>
    private IReadOnlyList<string>? MapKeys(Schemas.Operation list, JsonNode? body)
    {
        var schema = list.SuccessResponses.SelectMany(r => r.Content).FirstOrDefault(m => m.IsJson && m.Schema is not null)?.Schema;
        if (schema is null || body is not JsonObject map)
        {
            return null;
        }

        var view = session.Document.View(schema);
        return view.Properties.Count == 0 && view.AdditionalPropertiesSchema is not null ? map.Select(p => p.Key).Where(k => k.Length > 0).ToList() : null;
    }

    /// <summary>Creates an item with a valid body and returns the values of its item path (parents and the new id).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CreateAsync(ResourceCollection collection, CancellationToken cancellationToken)
    {
        var parents = collection.List.Parameters.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(await ValuesAsync(collection.List, cancellationToken), StringComparer.Ordinal);
        var token = await session.EveryScopeTokenAsync(cancellationToken);
        var request = session.Requests.Valid(collection.CreateOperation!, parents, token);
        var response = await session.Http.SendAsync(request, "create a fresh item", cancellationToken);
        var id = response.IsSuccess ? CreatedId(collection, response, parents) : null;
        if (id is null)
        {
            throw new DiscoveryException($"cannot create a fresh {collection.Singular}: POST {request.Url(session.Target)} answered {response.Status} {HttpSender.Excerpt(response.Body)}", isSkip: false);
        }

        var values = new Dictionary<string, string>(parents, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
        session.Created(collection, values);
        return values;
    }

    /// <summary>The id of a new item: from <c>Location</c>, else the body's self link, else an id property.</summary>
    public string? CreatedId(ResourceCollection collection, ApiResponse response, IReadOnlyDictionary<string, string> parents)
    {
        if (response.Header("Location") is { } location && FromHref(collection, Hal.Absolute(session.Target, location)) is { } fromLocation)
        {
            return fromLocation;
        }

        return IdOf(collection, response.Json, parents);
    }

    private string? IdOf(ResourceCollection collection, JsonNode? item, IReadOnlyDictionary<string, string> parents)
    {
        if (Hal.Self(item) is { } self && FromHref(collection, self) is { } fromSelf)
        {
            return fromSelf;
        }

        string[] names = [collection.ItemParameter!, "id", collection.Singular + "Id", collection.Singular + "ID"];
        foreach (var name in names)
        {
            // As the document spells the name, else in any spelling (twilio's "sid" for {Sid}, docker's "Id").
            var node = Hal.At(item, name) ?? (item as JsonObject)?.FirstOrDefault(p => ItemValues.Plain(p.Key) == ItemValues.Plain(name)).Value;
            if (node is JsonValue value && IdText(value) is { Length: > 0 } text && !parents.Values.Contains(text))
            {
                return text;
            }
        }

        // An item its path names by itself ({branch} of /branches) is known by its own login, name or slug.
        if (ItemValues.NamesItemOf(collection.List.LastLiteral, collection.ItemParameter!)
            && ItemValues.OwnNames.Select(n => Hal.At(item, n)).OfType<JsonValue>().Select(IdText).FirstOrDefault(t => t is { Length: > 0 }) is { } own)
        {
            return own;
        }

        // Any link of the item to its path also says where it lives: a new channel's "channel" link, bitbucket's links.self,
        // a url property, or a link deeper inside (the repositories of a page that stands for its owner).
        return Hal.Hrefs(item).Select(href => FromHref(collection, href)).FirstOrDefault(id => id is not null);
    }

    // Ids are strings or integers (a number in a path is written as it is in JSON).
    private static string? IdText(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    private string? FromHref(ResourceCollection collection, string href)
    {
        if (session.Hal.Relative(href) is not { } relative)
        {
            return null;
        }

        var path = relative.Split('?')[0];
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        return collection.Item!.Match(segments)?.GetValueOrDefault(collection.ItemParameter!);
    }
}
