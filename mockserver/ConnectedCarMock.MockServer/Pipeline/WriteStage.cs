using System.Globalization;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// Write: the answer as the pipeline hands it to the host: status, <c>X-Mock-Seed</c>, <c>Location</c>
/// for created items, the document's media type, the body and the variation's report headers.
/// </summary>
internal sealed class WriteStage(long seed)
{
    private readonly string _seed = seed.ToString(CultureInfo.InvariantCulture);

    public MockResponse Write(RequestContext context)
    {
        var result = context.Resource;
        var response = new MockResponse(result.Status);
        response.WithHeader(RequestPipeline.SeedHeader, _seed);
        if (result.Location is not null)
        {
            response.WithHeader("Location", context.LinkBase + result.Location);
        }

        if (context.Payload is not { } payload)
        {
            return response;
        }

        response.ContentType = result.Media!.Name;
        response.Body = payload;
        if (context.PayloadHeaders is { } headers)
        {
            response.Headers.AddRange(headers);
        }

        return response;
    }
}
