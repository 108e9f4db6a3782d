using System.Text;
using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// <c>/oauth/authorize</c>: approves every request at once (no login page), so a browser app's flow runs
/// unattended in tests. <c>response_type=code</c> redirects with a code (PKCE's <c>code_challenge</c> kept for
/// the token endpoint to check), <c>token</c> and <c>id_token</c> (implicit) redirect with the tokens in the
/// fragment. Errors that cannot be redirected (no valid <c>redirect_uri</c>) are answered directly (RFC 6749 §4.1.2.1).
/// </summary>
internal sealed class AuthorizeEndpoint(TokenGrants grants)
{
    public MockResponse Handle(MockRequest request)
    {
        var fields = request.Method == "POST" ? QueryString.Parse(Encoding.UTF8.GetString(request.Body)) : request.Query;
        string? Field(string name) => fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        var redirect = Field("redirect_uri");
        if (redirect is null || !Uri.TryCreate(redirect, UriKind.Absolute, out var target) || target.Fragment.Length > 0)
        {
            return OAuthEndpoints.OAuthError(400, "invalid_request", "redirect_uri is required: an absolute URL without a fragment");
        }

        var state = Field("state");
        var responseType = Field("response_type") ?? string.Empty;
        var kinds = responseType.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var fragment = kinds.Contains("token") || kinds.Contains("id_token");
        if (Field("client_id") is not { Length: > 0 } clientId)
        {
            return Redirect(redirect, fragment, state, ("error", "invalid_request"), ("error_description", "client_id is required"));
        }

        if (kinds.Count == 0 || !kinds.IsSubsetOf(["code", "token", "id_token"]))
        {
            return Redirect(redirect, fragment, state, ("error", "unsupported_response_type"), ("error_description", "response_type must be code, token or id_token"));
        }

        var method = Field("code_challenge_method");
        if (method is not (null or "S256" or "plain"))
        {
            return Redirect(redirect, fragment, state, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256 or plain"));
        }

        var (scopes, error) = grants.Scopes(Field("scope"));
        if (error is not null)
        {
            return Redirect(redirect, fragment, state, ("error", "invalid_scope"), ("error_description", "the document does not know every scope asked for"));
        }

        var nonce = Field("nonce");
        var answer = new List<(string, string)>();
        if (kinds.Contains("code"))
        {
            answer.Add(("code", grants.MintCode(clientId, redirect, scopes, Field("code_challenge"), method, nonce)));
        }

        if (kinds.Contains("token"))
        {
            var issued = grants.Issue(clientId, clientId, scopes, refresh: false, nonce);
            answer.Add(("access_token", issued["access_token"]!.GetValue<string>()));
            answer.Add(("token_type", "Bearer"));
            answer.Add(("expires_in", issued["expires_in"]!.ToJsonString()));
            answer.Add(("scope", string.Join(' ', scopes)));
        }

        if (kinds.Contains("id_token"))
        {
            answer.Add(("id_token", grants.IdToken(clientId, clientId, nonce)));
        }

        return Redirect(redirect, fragment, state, [.. answer]);
    }

    private static MockResponse Redirect(string redirect, bool fragment, string? state, params (string Name, string Value)[] parameters)
    {
        var all = state is null ? parameters : [.. parameters, ("state", state)];
        var encoded = string.Join('&', all.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        var separator = fragment ? "#" : redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new MockResponse(302).WithHeader("Location", redirect + separator + encoded).WithHeader("Cache-Control", "no-store");
    }
}
