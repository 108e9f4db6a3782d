using System.Text.Json.Nodes;
using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

internal sealed class HalLinksCheck : SuccessBodyCheck
{
    private const int MaxLinks = 40;

    public override string Id => "response.hal-links";

    public override string Description => "A HAL answer has _links.self (where the document declares it) and every link it carries answers 2xx.";

    public override string? NotApplicable(OperationContext operation) =>
        base.NotApplicable(operation) ?? (LinksSchema(operation) is null ? "the documented answer is not a HAL resource (no _links)" : null);

    public override async Task RunAsync(CaseContext context)
    {
        if (await SuccessAsync(context) is not var (response, _))
        {
            return;
        }

        var session = context.Session;
        var linksView = context.Document.View(LinksSchema(context.Op)!);
        if (Hal.At(response.Json, "_links") is not JsonObject)
        {
            context.Fail("the answer has no _links", response);
            return;
        }

        if (linksView.Property("self") is not null && Hal.Self(response.Json) is null)
        {
            context.Fail("_links.self is missing", response);
        }

        var links = Hal.Links(response.Json).Where(l => !l.Templated).DistinctBy(l => l.Href).ToList();
        var unfollowable = new List<string>();
        var outside = 0;
        var toFollow = new List<HalLink>();
        foreach (var link in links)
        {
            if (session.Hal.Relative(link.Href) is null && !link.Href.StartsWith('/'))
            {
                outside++;
            }
            else if (session.Hal.Resolve(link.Href) is { } target
                && target.Operation.Parameters.FirstOrDefault(p => p.Required && p.In == ParameterLocation.Query && !target.QueryNames.Contains(p.Name)) is { } missing)
            {
                unfollowable.Add($"{link.Relation} → {target.Operation.Id} lacks '{missing.Name}'");
            }
            else
            {
                toFollow.Add(link);
            }
        }

        var followed = toFollow.Take(MaxLinks).ToList();
        var answers = await Task.WhenAll(followed.Select(l => session.FollowAsync(session.Hal.Through(l.Href), context.CancellationToken)));
        for (var i = 0; i < followed.Count; i++)
        {
            context.Attach(answers[i]);
            if (!answers[i].IsSuccess)
            {
                context.Fail($"{followed[i].Relation} at {followed[i].Pointer} ({followed[i].Href}) answered {answers[i].Status}", answers[i]);
            }
        }

        context.Note($"{followed.Count} links followed" + (toFollow.Count > MaxLinks ? $" (of {toFollow.Count})" : string.Empty) + (outside > 0 ? $", {outside} outside the target not followed" : string.Empty));
        if (context.Failures.Count == 0 && unfollowable.Count > 0)
        {
            throw new CaseSkippedException($"{unfollowable.Count} links omit a query parameter the document marks required, so they cannot resolve ({string.Join("; ", unfollowable.Distinct().Take(3))}); {followed.Count} other links resolved");
        }
    }

    /// <summary>The schema of <c>_links</c> in the first documented 2xx answer.</summary>
    private static Schema? LinksSchema(OperationContext operation) =>
        ScopeFilteringCheck.SuccessSchema(operation.Operation) is { } schema ? operation.Document.View(schema).Property("_links")?.Schema : null;
}

internal sealed class PagingCheck : Check
{
    private const int MaxPages = 50;
    private const int PageSize = 2;

    public override string Id => "response.paging";

    public override string Description => "Following next links from a small first page terminates, every page answers 2xx, and no item or page repeats.";

    public override string? NotApplicable(OperationContext operation)
    {
        var op = operation.Operation;
        if (op.Method != "GET")
        {
            return "not a list: paging applies to GET";
        }

        var paged = op.Parameters.Any(p => p.In == ParameterLocation.Query && p.Name is "pageToken" or "pageSize")
            || (ScopeFilteringCheck.SuccessSchema(op) is { } schema && operation.Document.View(schema).Property("_links")?.Schema is { } links && operation.Document.View(links).Property("next") is not null);
        return paged ? null : "not a paged list (no pageToken or pageSize parameter, no next link)";
    }

    public override async Task RunAsync(CaseContext context)
    {
        var token = await context.TokenAsync(context.Session.EveryScope);
        var request = await context.ValidRequestAsync(token);
        if (context.Operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Query && p.Name == "pageSize") is { } size
            && context.Session.Invalid.IsValid(size, PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            request = request.WithQuery("pageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var pages = new HashSet<string>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var url = request.Url(context.Session.Target);
        for (var page = 1; ; page++)
        {
            if (!pages.Add(url))
            {
                context.Fail($"next leads back to a page already seen (page {page}): {url}");
                return;
            }

            if (page > MaxPages)
            {
                context.Fail($"paging did not end after {MaxPages} pages of {PageSize}");
                return;
            }

            var response = await context.SendAsync(page == 1 ? request : request with { AbsoluteUrl = url }, $"page {page}");
            if (!context.ExpectSuccess(response, $"page {page}"))
            {
                return;
            }

            // An item is its whole JSON: items of lists without their own resources may share a self link.
            // Identical items on one page are the data's business; the same item on two pages is paging's.
            foreach (var item in Hal.Items(response.Json)?.Items ?? [])
            {
                var identity = item?.ToJsonString() ?? "null";
                if (items.TryGetValue(identity, out var first) && first != page)
                {
                    context.Fail($"item {Short(Hal.Self(item) ?? identity)} appears on page {first} and again on page {page}", response);
                    return;
                }

                items[identity] = page;
            }

            if (Hal.Href(response.Json, "next") is not { } href)
            {
                context.Note($"{page} pages, {items.Count} items");
                return;
            }

            url = context.Session.Hal.Through(href);
        }
    }

    private static string Short(string identity) => identity.Length <= 120 ? identity : identity[..120] + "…";
}
