using System.Net.Http.Headers;
using System.Text;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.MockServer.Tests.Support;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Security;

/// <summary>
/// Every operation of both documents against every kind of credential: the API's scope rules,
/// 401 and 403 with RFC 6750 headers, and xError bodies wherever the answer is not 2xx.
/// </summary>
public class AuthMatrixTests
{
    private static readonly Dictionary<string, RunningMock> Mocks = [];

    public static IEnumerable<TestCaseData> Cases() =>
        from spec in Specs.Names
        from operation in OperationCases.Of(spec)
        from credential in Enum.GetValues<Credential>()
        select new TestCaseData(spec, operation.Arguments[1], credential).SetName($"{spec} › {operation.Arguments[1]} › {credential}");

    public enum Credential
    {
        None,
        Forged,
        Expired,
        AlgNone,
        HmacWithPublicKey,
        NoScopes,
        UnrelatedScope,
        RequiredScopes,
        ParentScope,
    }

    [OneTimeTearDown]
    public async Task StopMocks()
    {
        foreach (var mock in Mocks.Values)
        {
            await mock.DisposeAsync();
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Each_credential_gets_the_answer_the_scope_rules_give(string spec, string operationId, Credential credential)
    {
        var mock = await MockFor(spec);
        var operation = mock.Document.GetOperation(operationId);
        var (token, expected) = TokenAndExpectedStatus(mock, operation, credential);
        if (expected is null)
        {
            Assert.Ignore($"not applicable: {operationId} has no scope to withhold (root requirement: any token or API key) or its scopes have no parent segment");
        }

        var request = mock.RequestFor(operation);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        var (status, contentType, body, response) = await mock.SendAsync(request, anonymous: true);

        var expectedStatus = expected == 200 ? operation.SuccessResponses.First().Code : expected;
        Assert.That(status, Is.EqualTo(expectedStatus), body);
        if (status >= 400)
        {
            Assert.That(contentType, Is.EqualTo("application/json"));
            Assert.That(Specs.Embedded.Validator.Validate(Specs.Embedded.Schemas["xError"], body).ToString(), Is.EqualTo("valid"));
            var challenge = response.Headers.WwwAuthenticate.ToString();
            Assert.That(challenge, Does.StartWith("Bearer"));
            Assert.That(challenge, Does.Contain(status == 401 ? "error=\"invalid_token\"" : "error=\"insufficient_scope\""));
            if (status == 403)
            {
                Assert.That(challenge, Does.Contain("scope=\""));
            }
        }
    }

    private static (string? Token, int? Status) TokenAndExpectedStatus(RunningMock mock, Operation operation, Credential credential)
    {
        var server = mock.Server;
        var hasScopes = operation.Scopes.Any();
        var sufficient = operation.RequiredScopes.Count > 0 ? operation.RequiredScopes.ToList()
            : operation.OptionalScopes.Count > 0 ? [operation.OptionalScopes[0]]
            : ["data:vehicle"];
        return credential switch
        {
            Credential.None => (null, 401),
            Credential.Forged => (Tamper(server.MintToken(sufficient)), 401),
            Credential.Expired => (Expired(sufficient), 401),
            Credential.AlgNone => (Unsigned(sufficient), 401),
            Credential.HmacWithPublicKey => (HmacWithPublicKey(mock, sufficient), 401),
            Credential.NoScopes => (server.MintToken([]), 401),
            Credential.UnrelatedScope => hasScopes ? (server.MintToken([Unrelated(mock.Document, operation)]), 403) : (null, null),
            Credential.RequiredScopes => (server.MintToken(sufficient), 200),
            Credential.ParentScope => hasScopes && sufficient.All(s => Parent(s) is not null) ? (server.MintToken(sufficient.Select(s => Parent(s)!)), 200) : (null, null),
            _ => (null, null),
        };
    }

    private static async Task<RunningMock> MockFor(string spec)
    {
        if (!Mocks.TryGetValue(spec, out var mock))
        {
            mock = await RunningMock.StartAsync(spec);
            Mocks[spec] = mock;
        }

        mock.Server.Reset();
        return mock;
    }

    /// <summary>The scope one level up: <c>data:trip</c> → <c>data</c>; <c>remote:locking:write</c> → <c>remote:write</c>.</summary>
    internal static string? Parent(string scope)
    {
        var parsed = Scope.Parse(scope);
        if (parsed.Resource.Count < 2)
        {
            return null;
        }

        var parent = string.Join(':', parsed.Resource.Take(parsed.Resource.Count - 1));
        return parsed.IsWrite ? parent + ":write" : parent;
    }

    internal static string Unrelated(ApiDocument document, Operation operation) =>
        document.AllScopes.First(s => !operation.Scopes.Any(o => new ScopeSet([s]).Covers(o) || new ScopeSet([o]).Covers(s)));

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[4] = signature[4] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{parts[1]}.{new string(signature)}";
    }

    private static string Expired(IEnumerable<string> scopes) =>
        new TokenService(new SecurityOptions()).Mint("test", scopes, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5));

    private static string Unsigned(IEnumerable<string> scopes)
    {
        var header = B64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        var options = new SecurityOptions();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = B64($"{{\"iss\":\"{options.Issuer}\",\"aud\":\"{options.Audience}\",\"sub\":\"x\",\"client_id\":\"x\",\"iat\":{now},\"exp\":{now + 600},\"jti\":\"1\",\"scope\":\"{string.Join(' ', scopes)}\"}}");
        return $"{header}.{payload}.";
    }

    // The classic confusion: sign with HMAC using the server's public key as the secret.
    private static string HmacWithPublicKey(RunningMock mock, IEnumerable<string> scopes)
    {
        var jwks = mock.Http.GetStringAsync("/.well-known/jwks.json").GetAwaiter().GetResult();
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwks.PadRight(64, ' ')));
        var options = new SecurityOptions();
        var descriptor = new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            TokenType = "at+jwt",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["scope"] = string.Join(' ', scopes), ["sub"] = "x" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "HS256"),
        };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
