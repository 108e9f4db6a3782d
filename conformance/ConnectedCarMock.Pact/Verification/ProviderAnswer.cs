using System.Text.Json;

namespace ConnectedCarMock.Pact;

/// <summary>A provider's refusal (a state change or a message it would not make), in its own words.</summary>
internal static class ProviderAnswer
{
    /// <summary>The provider's message when it answers non-2xx (the <c>message</c> of a JSON error body, else the body); null when it accepts.</summary>
    public static async Task<string?> RefusalAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send().ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var json = JsonDocument.Parse(text);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString()
                    : text;
            }
            catch (JsonException)
            {
                return $"{(int)response.StatusCode} {text}";
            }
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
