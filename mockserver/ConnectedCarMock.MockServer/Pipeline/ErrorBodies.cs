using System.Globalization;
using System.Text.Json;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// The API's error model: every 4xx/5xx is <c>application/json</c> with <c>{name, debug, message}</c>;
/// <c>debug</c> is a unique <c>ERROR_...</c> id, also logged, so a client report can be correlated.
/// </summary>
internal static class ErrorBodies
{
    public const string ContentType = "application/json";
    private static long s_counter;

    public static MockResponse Create(int status, string name, string message)
    {
        var debug = "ERROR_" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "_"
            + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture);
        var response = new MockResponse(status)
        {
            ContentType = ContentType,
            Body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(name, debug, message), JsonBody.Options),
        };
        response.Notes["error"] = $"{debug} {name}: {message}";
        return response;
    }

    public static MockResponse BadRequest(string message) => Create(400, "BAD_REQUEST", message);

    public static MockResponse NotFound(string message) => Create(404, "NOT_FOUND", message);
}

internal sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("debug")] string Debug,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
