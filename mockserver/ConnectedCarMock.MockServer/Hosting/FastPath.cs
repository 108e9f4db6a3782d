using ConnectedCarMock.MockServer.Caching;
using Microsoft.AspNetCore.Http;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The Kestrel middleware ahead of WireMock: answers every request itself, except WireMock's admin API
/// (<c>/__admin</c>) and requests a user mapping may match, which WireMock answers. Fast-path requests go
/// to the journal, which WireMock's journal receives before anything reads it.
/// </summary>
internal sealed class FastPath(MockEndpoints endpoints, UserMappings mappings, FastPathJournal journal, BoundedCache<string, string> baseUrls)
{
    private const string AdminPrefix = "/__admin";

    /// <summary>The request WireMock is answering on this flow, so its catch-all can drop the connection for a reset fault.</summary>
    public static AsyncLocal<HttpContext?> HandedToWireMock { get; } = new();

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.StartsWith(AdminPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AdminAsync(http, next);
        }

        return AnswerAsync(http, next);
    }

    private async Task AdminAsync(HttpContext http, RequestDelegate next)
    {
        journal.Flush();
        try
        {
            await next(http);
        }
        finally
        {
            mappings.Refresh();
        }
    }

    private async Task AnswerAsync(HttpContext http, RequestDelegate next)
    {
        var userMappings = mappings.Any;
        var (request, entry) = await HttpExchange.ReadAsync(http, baseUrls, buffer: userMappings);
        if (userMappings && mappings.MayMatch(new JournalRequestMessage(entry)) && !WireMockAdapter.CannotParse(entry.RawQuery))
        {
            HandedToWireMock.Value = http;
            await next(http);
            return;
        }

        var response = await endpoints.AnswerAsync(request);
        entry.Response = response;
        journal.Record(entry);
        if (response.Abort)
        {
            http.Abort();
            return;
        }

        await HttpExchange.WriteAsync(http, response);
    }
}
