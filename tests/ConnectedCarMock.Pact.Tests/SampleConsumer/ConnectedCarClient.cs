using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConnectedCarMock.Pact.Tests.SampleConsumer;

/// <summary>
/// The sample consumer ("CarApp"): a small typed client of the Connected Car API, written the way an app
/// team would write it. The Pact tests drive it against the Pact engine's mock to record what it relies on.
/// </summary>
internal sealed class ConnectedCarClient(HttpClient http, string accessToken)
{
    public const string BasePath = "/api/connectedcar/v1";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public Task<VehiclePage> GetVehiclesAsync(int pageSize = 50, CancellationToken cancellationToken = default) =>
        SendAsync<VehiclePage>(HttpMethod.Get, $"/accounts/vehicles?pageSize={pageSize.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);

    public Task<Vehicle> GetVehicleAsync(string vehicleId, CancellationToken cancellationToken = default) =>
        SendAsync<Vehicle>(HttpMethod.Get, $"/accounts/vehicles/{Uri.EscapeDataString(vehicleId)}", null, cancellationToken);

    public Task<LatestTelemetry> GetLatestTelemetryAsync(string vehicleId, CancellationToken cancellationToken = default) =>
        SendAsync<LatestTelemetry>(HttpMethod.Get, $"/accounts/vehicles/{Uri.EscapeDataString(vehicleId)}/telemetries/latest", null, cancellationToken);

    /// <summary>Trips of one kind; the kind is sent always, since some deployments of the API require it.</summary>
    public Task<TripPage> GetTripsAsync(string vehicleId, string type = "Normal", CancellationToken cancellationToken = default) =>
        SendAsync<TripPage>(HttpMethod.Get, $"/accounts/vehicles/{Uri.EscapeDataString(vehicleId)}/trips?type={Uri.EscapeDataString(type)}", null, cancellationToken);

    public Task<ChannelRef> CreateWebhookChannelAsync(string label, Uri target, string name, CancellationToken cancellationToken = default)
    {
        var body = new
        {
            type = new[] { "Remote", "Monitor" },
            label,
            channel = new { webhook = new { target = target.ToString(), name } },
        };
        return SendAsync<ChannelRef>(HttpMethod.Post, "/accounts/channels", JsonContent.Create(body, options: s_json), cancellationToken);
    }

    public async Task DeleteChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        await SendAsync<JsonElement?>(HttpMethod.Delete, $"/accounts/channels/{Uri.EscapeDataString(channelId)}", null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, BasePath + relative) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/hal+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ConnectedCarApiException.FromAsync(response, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(s_json, cancellationToken)
            ?? throw new InvalidOperationException($"{method} {relative} answered an empty body");
    }
}

/// <summary>An error answer of the API: its status and the <c>{name, message, debug}</c> body.</summary>
internal sealed class ConnectedCarApiException : Exception
{
    public ConnectedCarApiException()
    {
    }

    public ConnectedCarApiException(string message)
        : base(message)
    {
    }

    public ConnectedCarApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    private ConnectedCarApiException(HttpStatusCode status, ApiError error)
        : base($"{(int)status} {error.Name}: {error.Message} (debug {error.Debug})")
    {
        Status = status;
        Error = error;
    }

    public HttpStatusCode Status { get; }

    public ApiError Error { get; } = new(string.Empty, string.Empty, string.Empty);

    public static async Task<ConnectedCarApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ApiError? error = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            error = await response.Content.ReadFromJsonAsync<ApiError>(cancellationToken);
        }

        return new ConnectedCarApiException(response.StatusCode, error ?? new ApiError("HTTP_" + (int)response.StatusCode, response.ReasonPhrase ?? string.Empty, string.Empty));
    }
}
