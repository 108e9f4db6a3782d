using ConnectedCarMock.MockServer.Caching;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Render: what the answer's body is made of (the resource's render and its key) and the base of its
/// links (the client's scheme, host and port, checked once per distinct <c>Host</c>, plus the API's base
/// path). Answers without a body (204, no media) get none.
/// </summary>
internal sealed class RenderStage(string basePath, string? publicUrl, BoundedCache<string, string> linkBases) : IStage
{
    public MockResponse? Run(RequestContext context)
    {
        var result = context.Resource;
        context.LinkBase = linkBases.GetOrAdd(context.Request.BaseUrl, static (candidate, stage) => stage.LinkBaseOf(candidate), this);
        if (result.Status != 204 && result.Media is not null && result.Body is not null)
        {
            context.Body = new BodyRecipe(result.Body, result.Key, result.Media.Schema);
        }

        return null;
    }

    /// <summary>Scheme, host and port of the request for links; the server's own URL when the Host header is unusable.</summary>
    private string LinkBaseOf(string candidate) =>
        (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && !candidate.Contains('"', StringComparison.Ordinal) && !candidate.Contains('\\', StringComparison.Ordinal)
                ? uri.GetLeftPart(UriPartial.Authority)
                : publicUrl ?? "http://localhost") + basePath;
}
