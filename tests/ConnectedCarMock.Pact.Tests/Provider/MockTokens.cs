using System.Net.Http.Json;
using System.Text.Json;
using ConnectedCarMock.MockServer;

namespace ConnectedCarMock.Pact.Tests.Provider;

/// <summary>
/// Access tokens from the mock's own token endpoint (client credentials), as <c>--token-url</c> gets them:
/// the verifier sends one instead of the token the consumer recorded in its pact.
/// </summary>
internal static class MockTokens
{
    public const string TokenPath = "/oauth/token";

    public static Func<CancellationToken, Task<string>> Provider(ConnectedCarMockServer mock, params string[] scopes) => async cancellationToken =>
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "car-app-provider-verification",
            ["scope"] = string.Join(' ', scopes),
        });
        using var response = await http.PostAsync(mock.BaseUrl + TokenPath, form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return token.GetProperty("access_token").GetString()!;
    };
}
