using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>Values of a parameter no collection names: from the items of a list that declare it (<see cref="ItemValues"/>), its enum, or the document's own example.</summary>
internal sealed partial class Discovery
{
    // Lists of parameters several levels up are resolved for a list's own parameters, not further.
    private const int ChainDepth = 3;

    private readonly ConcurrentDictionary<string, Lazy<Task<ApiResponse>>> _pages = new(StringComparer.Ordinal);

    /// <param name="owner">The collection of the parameter's items where the document has one without a list: when nothing else gives an id, the run creates an item.</param>
    private async Task<Dictionary<string, string>?> UnlistedAsync(PathTemplate template, int index, Dictionary<string, string> values, ResourceCollection? owner, List<string> empty, ImmutableHashSet<string>? chain, CancellationToken cancellationToken)
    {
        var name = template.Parameters[index];
        var parameter = ParameterOf(template, name);
        var declared = await DeclaredAsync(template, index, values, chain ?? [template.Template], cancellationToken);
        var candidates = EnumOf(parameter).Select(v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(StringComparer.Ordinal) { [name] = v })
            .Concat(declared)
            .Concat(ExamplesOf(parameter).Select(v => new Dictionary<string, string>(StringComparer.Ordinal) { [name] = v }))
            .Where(c => c.All(p => ParameterOf(template, p.Key) is not { } of || session.Invalid.IsValid(of, p.Value)))
            .DistinctBy(c => string.Join('\n', c.Select(p => p.Key + "=" + p.Value)))
            .ToList();
        if (candidates.Count == 0 && chain is null && owner is { CreateOperation: not null, Item: not null } && owner.ItemParameter == name
            && owner.List.Parameters.Count == 0)
        {
            // A collection the document lets clients add to but not list (paypal's setup tokens): an item of the run's own.
            candidates.Add(await CreateAsync(owner, cancellationToken));
        }

        if (candidates.Count == 0)
        {
            throw new DiscoveryException($"the document has no list endpoint for '{name}' of {template}, and no list whose items declare it; pass --param {name}=VALUE", isSkip: true);
        }

        foreach (var candidate in candidates)
        {
            var next = new Dictionary<string, string>(values, StringComparer.Ordinal);
            foreach (var (key, value) in candidate)
            {
                next[key] = value;
            }

            if (await ResolveAsync(template, index + 1, next, empty, chain, cancellationToken) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    /// <summary>The document's own values of a parameter (its <c>example</c>, <c>examples</c>, <c>default</c>): edmunds' <c>audi</c> for <c>{makeNiceName}</c>.</summary>
    private IReadOnlyList<string> ExamplesOf(Schemas.Parameter? parameter) =>
        parameter?.Schema is { } schema ? session.Document.View(schema).Examples.Select(Text).Where(t => t.Length > 0).Take(CandidatesPerLevel).ToList() : [];

    /// <summary>Values of a list's own parameters, resolved apart from the run's shared values (see <c>chain</c>); null where none are found.</summary>
    private async Task<Dictionary<string, string>?> NestedAsync(PathTemplate template, ImmutableHashSet<string> chain, CancellationToken cancellationToken)
    {
        if (chain.Contains(template.Template) || chain.Count >= ChainDepth)
        {
            return null;
        }

        try
        {
            return await ResolveAsync(template, 0, new Dictionary<string, string>(StringComparer.Ordinal), [], chain.Add(template.Template), cancellationToken);
        }
        catch (DiscoveryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Values of the parameter at <paramref name="index"/>, from the items of a list (whose own parameters are known or found
    /// in turn), each with the parameters right after it that the same item gives (a repository's <c>owner.login</c> and
    /// <c>name</c> for <c>/repos/{owner}/{repo}</c>). A generic name (<c>id</c>) is read only from a list named like the literal
    /// before it, or one beside it.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> DeclaredAsync(PathTemplate template, int index, IReadOnlyDictionary<string, string> known, ImmutableHashSet<string> chain, CancellationToken cancellationToken)
    {
        var site = new ParameterSite(template, template.Parameters[index]);
        var following = template.Parameters.Skip(index + 1)
            .Where((p, i) => template.Segments.ToList().IndexOf("{" + p + "}") == template.Segments.ToList().IndexOf("{" + site.Name + "}") + 1 + i)
            .Where(p => !known.ContainsKey(p) && !ItemValues.Generic.Contains(ItemValues.Plain(p))).Select(p => new ParameterSite(template, p)).ToList();
        var lists = session.Declarations.GroupBy(d => d.List)
            .Select(g => (List: g.Key, Own: ItemValues.Ranked(site, g), Following: following.Select(f => ItemValues.Ranked(f, g)).TakeWhile(p => p.Count > 0).ToList()))
            .Where(c => c.Own.Count > 0 && (!ItemValues.Generic.Contains(site.Wanted) || new PathTemplate(c.List.Path).LastLiteral == site.Before || ItemValues.IsSibling(c.List, site)))
            .OrderByDescending(c => c.Following.Count)
            .ToList();
        foreach (var (list, own, then) in lists)
        {
            var listTemplate = new PathTemplate(list.Path);
            var values = listTemplate.Parameters.All(known.ContainsKey)
                ? listTemplate.Parameters.ToDictionary(p => p, p => known[p], StringComparer.Ordinal)
                : await NestedAsync(listTemplate, chain, cancellationToken);
            if (values is null)
            {
                continue;
            }

            var response = await PageAsync(list, values, cancellationToken);
            var found = ((response.IsSuccess ? Hal.Items(response.Json)?.Items : null) ?? [])
                .Select(item => ValueAt(item, own) is { } value ? Tuple(item, site.Name, value, following, then) : null)
                .OfType<IReadOnlyDictionary<string, string>>().DistinctBy(t => t[site.Name]).Take(CandidatesPerLevel).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    private static IReadOnlyDictionary<string, string> Tuple(JsonNode? item, string name, string value, List<ParameterSite> following, List<IReadOnlyList<ItemProperty>> then)
    {
        var tuple = new Dictionary<string, string>(StringComparer.Ordinal) { [name] = value };
        for (var i = 0; i < then.Count && ValueAt(item, then[i]) is { } next; i++)
        {
            tuple[following[i].Name] = next;
        }

        return tuple;
    }

    // The first of the properties the item has; a value with a slash is no path segment most servers route (a uuid written as a URL).
    private static string? ValueAt(JsonNode? item, IReadOnlyList<ItemProperty> properties) =>
        properties.Select(p => Hal.At(item, [.. p.Path]) is JsonValue value ? IdText(value) : null).FirstOrDefault(t => t is { Length: > 0 } && !t.Contains('/'));

    /// <summary>A list's first page, read once per URL for the whole run (answers that fail give no items).</summary>
    private Task<ApiResponse> PageAsync(Schemas.Operation list, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        _pages.GetOrAdd(new PathTemplate(list.Path).Expand(values) ?? list.Path, _ => new Lazy<Task<ApiResponse>>(async () =>
        {
            var token = await session.EveryScopeTokenAsync(cancellationToken);
            return await session.Http.SendAsync(session.Requests.Valid(list, values, token), "discovery", cancellationToken);
        })).Value;
}
