using System.Collections.Concurrent;
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
internal sealed class Discovery(RunSession session)
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
            var values = await ResolveAsync(template, 0, new Dictionary<string, string>(StringComparer.Ordinal), empty, cancellationToken);
            return values ?? throw new DiscoveryException($"no ids to use for {template}: {string.Join("; ", empty.Distinct())}; pass --param NAME=VALUE", isSkip: true);
        })).Value;

    private async Task<Dictionary<string, string>?> ResolveAsync(PathTemplate template, int index, Dictionary<string, string> values, List<string> empty, CancellationToken cancellationToken)
    {
        if (index == template.Parameters.Count)
        {
            return values;
        }

        var name = template.Parameters[index];
        if (session.Options.Parameters.TryGetValue(name, out var given))
        {
            return await ResolveAsync(template, index + 1, new(values, StringComparer.Ordinal) { [name] = given }, empty, cancellationToken);
        }

        var owner = session.Model.OwnerOf(template, name);
        if (owner?.ListOperation is null || owner.Item is null)
        {
            // No collection names the parameter: a list whose items declare a property of that name gives values.
            var at = template.Segments.ToList().FindIndex(segment => segment == "{" + name + "}");
            var parameter = session.Document.Operations.Where(o => o.Path == template.Template).SelectMany(o => o.PathParameters).FirstOrDefault(p => p.Name == name);
            var listed = EnumOf(parameter);
            var declared = await DeclaredAsync(name, at > 0 ? template.Segments[at - 1] : null, values, cancellationToken);
            foreach (var id in listed.Concat(declared).Where(v => parameter is null || session.Invalid.IsValid(parameter, v)).Distinct(StringComparer.Ordinal))
            {
                if (await ResolveAsync(template, index + 1, new(values, StringComparer.Ordinal) { [name] = id }, empty, cancellationToken) is { } resolved)
                {
                    return resolved;
                }
            }

            throw new DiscoveryException($"the document has no list endpoint for '{name}' of {template}, and no list whose items declare it; pass --param {name}=VALUE", isSkip: true);
        }

        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parent in owner.List.Parameters)
        {
            parents[parent] = values.TryGetValue(parent, out var known) ? known : (await ValuesAsync(owner.List, cancellationToken))[parent];
        }

        // Only what the item's path parameter admits is an id of it: a list of positions whose integer ids are no
        // report type (traccar's /reports/route/{type}, an enum) names no item.
        var itemParameter = session.Document.Operations.Where(o => o.Path == template.Template).SelectMany(o => o.PathParameters).FirstOrDefault(p => p.Name == name);
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
            if (await ResolveAsync(template, index + 1, new(values, StringComparer.Ordinal) { [name] = id }, empty, cancellationToken) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    private IReadOnlyList<string> EnumOf(Schemas.Parameter? parameter) =>
        parameter?.Schema is { } schema
            ? session.Document.View(schema).Enum.Select(e => e.ValueKind == System.Text.Json.JsonValueKind.String ? e.GetString()! : e.GetRawText()).Take(CandidatesPerLevel).ToList()
            : [];

    /// <summary>
    /// Values of a parameter no collection names (besides the values its enum lists), from a list (a GET whose own parameters are known) whose items declare
    /// a property of the parameter's name (<c>username</c>, <c>repo_slug</c> for <c>repoSlug</c>), or of that name after the list's
    /// (<c>id</c> of <c>/companies</c> for <c>companyId</c>).
    /// </summary>
    /// <param name="before">The literal segment before the parameter: a generic name (<c>id</c>) is read only from a list of that name.</param>
    private async Task<IReadOnlyList<string>> DeclaredAsync(string name, string? before, IReadOnlyDictionary<string, string> known, CancellationToken cancellationToken)
    {
        var wanted = Plain(name);
        foreach (var (operation, property) in session.Declarations.Where(d => Plain(d.Property) == wanted || Qualified(d.Operation, d.Property) == wanted))
        {
            var template = new PathTemplate(operation.Path);
            if (!template.Parameters.All(known.ContainsKey) || (Generic.Contains(wanted) && template.LastLiteral != before))
            {
                continue;
            }

            var values = template.Parameters.ToDictionary(p => p, p => known[p], StringComparer.Ordinal);
            var token = await session.EveryScopeTokenAsync(cancellationToken);
            var response = await session.Http.SendAsync(session.Requests.Valid(operation, values, token), "discovery", cancellationToken);
            var found = response.IsSuccess
                ? (Hal.Items(response.Json)?.Items ?? []).Select(item => Hal.At(item, property)).OfType<JsonValue>()
                    .Select(v => v.TryGetValue<string>(out var text) ? text : v.ToJsonString()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(CandidatesPerLevel).ToList()
                : [];
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    // A property named after the list it comes from: the items' "id" of /companies is a companyId, the "niceName" of /makes a makeNiceName.
    private static string Qualified(Schemas.Operation list, string property)
    {
        var name = new PathTemplate(list.Path).LastLiteral ?? string.Empty;
        var singular = name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.TrimEnd('s');
        return Plain(singular) + Plain(property);
    }

    // Names every collection uses: they say which item only together with the list they come from.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal) { "id", "uuid", "key", "name", "slug", "code", "sid", "identifier" };

    /// <summary>A name as it compares across spellings: <c>repo_slug</c>, <c>repoSlug</c> and <c>repo-slug</c> alike.</summary>
    private static string Plain(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

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
            var node = Hal.At(item, name) ?? (item as JsonObject)?.FirstOrDefault(p => Plain(p.Key) == Plain(name)).Value;
            if (node is JsonValue value && IdText(value) is { Length: > 0 } text && !parents.Values.Contains(text))
            {
                return text;
            }
        }

        // A link named after the collection (a new channel's "channel" link) also says where the item lives.
        return Hal.Links(item).Select(l => FromHref(collection, l.Href)).FirstOrDefault(id => id is not null);
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
