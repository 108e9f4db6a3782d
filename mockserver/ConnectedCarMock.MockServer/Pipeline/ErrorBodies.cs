using System.Globalization;
using System.Text.Json;
using ConnectedCarMock.Fixtures.World;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>
/// The mock's errors: every stage that refuses a request says what went wrong here, as a status, a stable
/// name and a message, with a unique <c>ERROR_...</c> debug id that is also logged, so a client report can be
/// correlated. The body starts as the xError shape <c>{name, debug, message}</c>; <see cref="ErrorModel"/>
/// then writes it in the document's own error model where the document declares one.
/// </summary>
internal static class ErrorBodies
{
    public const string ContentType = "application/json";

    /// <summary>Notes that carry the error's parts to <see cref="ErrorModel"/>.</summary>
    public const string NameNote = "error-name";
    public const string MessageNote = "error-message";
    public const string DebugNote = "error-debug";

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
        response.Notes[NameNote] = name;
        response.Notes[MessageNote] = message;
        response.Notes[DebugNote] = debug;
        return response;
    }

    public static MockResponse BadRequest(string message) => Create(400, "BAD_REQUEST", message);

    public static MockResponse NotFound(string message) => Create(404, "NOT_FOUND", message);
}

internal sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("debug")] string Debug,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
