using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Resources;

internal sealed partial class ResourceHandler
{
    private const int DefaultPageSize = 100;

    private ResourceResult List(Operation operation, ResourceCollection collection, ResourceAddress address, MockRequest request, MediaType media, ListShape shape, int status, Scenario? scenario, ResourceState state)
    {
        var parentValues = address.Values;
        var ids = Ids(collection, parentValues, state);
        var identity = FleetWorld.Identity(collection.List, parentValues);

        var (first, last, rangeError) = IndexRange(request);
        if (rangeError is not null)
        {
            return ResourceResult.Failed(400, rangeError);
        }

        var selected = ids.Skip(first).Take(last is null ? int.MaxValue : last.Value - first + 1).ToList();
        var pageSize = PageSize(operation, request);
        var offset = 0;
        if (request.QueryValues("pageToken") is { Count: > 0 } tokens)
        {
            if (!PageToken.TryRead(World.Seed, identity, tokens[0], out offset) || offset > selected.Count)
            {
                return ResourceResult.Failed(400, ErrorBodies.BadRequest($"query parameter 'pageToken' is not a token this list issued: '{ParameterReader.Printable(tokens[0])}'"));
            }
        }

        var page = selected.Skip(offset).Take(pageSize).ToList();
        var key = ResourceKey.List(operation.Id, address.Path, request.RawQuery, state.Version, scenario?.Name);
        return new ResourceResult(
            status,
            media,
            () => _renders.GetOrAdd(key, _ => RenderList(media.Schema!, shape, collection, address, request, new ListPage(ids, selected.Count, page, offset, pageSize, identity), scenario, state)),
            Key: key);
    }

    private JsonNode? RenderList(Schema schema, ListShape shape, ResourceCollection collection, ResourceAddress address, MockRequest request, ListPage paging, Scenario? scenario, ResourceState state)
    {
        var body = _renderer.Render(schema, address, scenario: scenario);
        if (shape.Map)
        {
            return collection.Item is null ? body : Map(shape, collection, address, paging, scenario, state);
        }

        var items = new JsonArray();
        foreach (var id in paging.Page)
        {
            if (collection.Item is not null)
            {
                var values = new Dictionary<string, string>(address.Values, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
                var itemAddress = new ResourceAddress(collection.Item, values);
                items.Add(ListItem(collection, shape, itemAddress, scenario, state));
            }
            else
            {
                items.Add(_renderer.RenderListItem(shape.Items, address, paging.All.IndexOf(id)));
            }
        }

        if (shape.Array is null)
        {
            return items;
        }

        if (body is not JsonObject root)
        {
            return body;
        }

        var container = shape.Container is null ? root : root[shape.Container] as JsonObject ?? new JsonObject();
        if (shape.Container is not null)
        {
            root[shape.Container] = container;
        }

        container[shape.Array] = items;
        WritePaging(root, schema, request, address, paging);
        return root;
    }

    // Each item under its id, as the same object its detail endpoint returns.
    private JsonObject Map(ListShape shape, ResourceCollection collection, ResourceAddress address, ListPage paging, Scenario? scenario, ResourceState state)
    {
        var map = new JsonObject();
        foreach (var id in paging.Page)
        {
            var values = new Dictionary<string, string>(address.Values, StringComparer.Ordinal) { [collection.ItemParameter!] = id };
            map[id] = ListItem(collection, shape, new ResourceAddress(collection.Item!, values), scenario, state);
        }

        return map;
    }

    /// <summary>
    /// A list item is the same object its detail endpoint returns, when the list's item schema admits
    /// it; lists whose items are a different shape get their own, seeded by the same identity.
    /// </summary>
    private JsonNode? ListItem(ResourceCollection collection, ListShape shape, ResourceAddress itemAddress, Scenario? scenario, ResourceState state)
    {
        var detailMedia = collection.ItemOperation?.SuccessResponses.FirstOrDefault()?.Content.FirstOrDefault(m => m.Schema is not null);
        if (detailMedia?.Schema is { } detailSchema && Item(detailMedia, itemAddress, collection, scenario, state) is { } detail
            && (detailSchema.Pointer == shape.Items.Pointer || Document.Validator.Validate(shape.Items, detail, ValidationMode.Strict).IsValid))
        {
            return detail.DeepClone();
        }

        return Overlaid(shape.Items, itemAddress, state.Overlay(itemAddress.Path), scenario);
    }

    private void WritePaging(JsonObject root, Schema schema, MockRequest request, ResourceAddress address, ListPage paging)
    {
        var (total, offset, pageSize, identity) = (paging.Total, paging.Offset, paging.PageSize, paging.Identity);
        var view = Document.View(schema);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        SetIfDeclared(root, view, "total", total);
        SetIfDeclared(root, view, "totalPage", pages);
        SetIfDeclared(root, view, "totalPages", pages);
        SetIfDeclared(root, view, "currentPage", (offset / pageSize) + 1);
        if (view.Property("_links") is not { } linksProperty || root["_links"] is not JsonObject links)
        {
            return;
        }

        var declared = Document.View(linksProperty.Schema);
        string Href(int? at) => HalLinks.Href(address.Path + Query(request, at is null ? null : PageToken.Create(World.Seed, identity, at.Value)));
        Set(links, declared, "self", HalLinks.Href(address.Path + (request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty)));
        Set(links, declared, "first", Href(null));
        if (offset + pageSize < total)
        {
            Set(links, declared, "next", Href(offset + pageSize));
        }
        else if (!declared.Required.Contains("next"))
        {
            links.Remove("next");
        }

        foreach (var previous in new[] { "prev", "previous" })
        {
            if (offset > 0)
            {
                Set(links, declared, previous, Href(Math.Max(0, offset - pageSize)));
            }
            else if (!declared.Required.Contains(previous))
            {
                links.Remove(previous);
            }
        }

        Set(links, declared, "last", Href(total == 0 ? null : (pages - 1) * pageSize));
    }

    private static void Set(JsonObject links, SchemaView declared, string relation, string href)
    {
        if (declared.Property(relation) is not null)
        {
            links[relation] = new JsonObject { ["href"] = href };
        }
    }

    private static void SetIfDeclared(JsonObject root, SchemaView view, string name, int value)
    {
        if (view.Property(name) is not null)
        {
            root[name] = value;
        }
    }

    /// <summary>The request's query with <c>pageToken</c> replaced (or removed for the first page).</summary>
    private static string Query(MockRequest request, string? pageToken)
    {
        var sb = new StringBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (name == "pageToken")
            {
                continue;
            }

            foreach (var value in values)
            {
                sb.Append(sb.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        if (pageToken is not null)
        {
            sb.Append(sb.Length == 0 ? '?' : '&').Append("pageToken=").Append(pageToken);
        }

        return sb.ToString();
    }

    private int PageSize(Operation operation, MockRequest request)
    {
        var parameter = operation.Parameters.FirstOrDefault(p => p.Name == "pageSize" && p.In == ParameterLocation.Query);
        if (request.QueryValues("pageSize") is { Count: > 0 } values && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
        {
            return size;
        }

        return parameter?.Schema is { } schema && schema.Json.TryGetProperty("default", out var d) && d.TryGetInt32(out var fallback) && fallback > 0
            ? fallback
            : DefaultPageSize;
    }

    /// <summary><c>indexRange=first-last</c> (last optional) selects items by position before paging.</summary>
    private static (int First, int? Last, MockResponse? Error) IndexRange(MockRequest request)
    {
        if (request.QueryValues("indexRange") is not { Count: > 0 } values)
        {
            return (0, null, null);
        }

        var match = RangePattern().Match(values[0]);
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || (match.Groups[2].Value.Length > 0 && !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return (0, null, ErrorBodies.BadRequest($"query parameter 'indexRange' must be 'first-last' (e.g. 0-9): '{ParameterReader.Printable(values[0])}'"));
        }

        int? last = match.Groups[2].Value.Length > 0 ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
        return last < first
            ? (0, null, ErrorBodies.BadRequest($"query parameter 'indexRange' ends before it starts: '{values[0]}'"))
            : (first, last, null);
    }

    /// <summary>One page of a list: all ids, how many the index range kept, this page's ids and position.</summary>
    private sealed record ListPage(List<string> All, int Total, List<string> Page, int Offset, int PageSize, string Identity);

    [GeneratedRegex(@"^(\d{1,9})-(\d{0,9})$")]
    private static partial Regex RangePattern();
}
