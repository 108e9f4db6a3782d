using System.Collections.Concurrent;
using System.Text.Json;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>A token the runner needs but cannot have: the case is skipped (tokens file) or errs (token endpoint).</summary>
internal sealed class TokenUnavailableException(string message, bool isSkip) : Exception(message)
{
    /// <summary>True when the tokens file simply has no entry for the scope set: nothing is wrong with the target.</summary>
    public bool IsSkip { get; } = isSkip;
}

/// <summary>
/// Access tokens per scope set, asked once and reused for the whole run: from an OAuth2 token
/// endpoint (client credentials with a <c>scope</c> parameter) or from a file mapping scope sets to
/// tokens. Scope sets are compared as sets: order and duplicates do not matter.
/// </summary>
internal sealed class TokenSource
{
    /// <summary>In a tokens file, the entry used for "every scope" when that exact set is not listed.</summary>
    public const string EveryScopeKey = "*";

    private readonly HttpClient _http;
    private readonly string? _tokenUrl;
    private readonly string _clientId;
    private readonly string? _clientSecret;
    private readonly IReadOnlyDictionary<string, string>? _fixed;
    private readonly IReadOnlyList<string> _everyScope;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _cache = new(StringComparer.Ordinal);

    public TokenSource(HttpClient http, ConformanceOptions options, IReadOnlyList<string> everyScope)
    {
        _http = http;
        _tokenUrl = options.TokenUrl;
        _clientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        _everyScope = everyScope;
        if (options.Tokens is not null || options.TokensFile is not null)
        {
            var given = options.Tokens ?? ReadFile(options.TokensFile!);
            _fixed = given.ToDictionary(p => p.Key == EveryScopeKey ? EveryScopeKey : Key(p.Key.Split(' ')), p => p.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Where tokens come from, for messages.</summary>
    public string Origin => _fixed is not null ? "the tokens file" : _tokenUrl ?? "nowhere";

    public static string Key(IEnumerable<string> scopes) =>
        string.Join(' ', scopes.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <exception cref="TokenUnavailableException">The file has no token for the set, or the endpoint refused it.</exception>
    public Task<string> GetAsync(IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var key = Key(scopes);
        return _cache.GetOrAdd(key, k => new Lazy<Task<string>>(() => FetchAsync(k, cancellationToken))).Value;
    }

    public Task<string> EveryScopeAsync(CancellationToken cancellationToken) => GetAsync(_everyScope, cancellationToken);

    private async Task<string> FetchAsync(string key, CancellationToken cancellationToken)
    {
        if (_fixed is not null)
        {
            if (_fixed.TryGetValue(key, out var token) || (key == Key(_everyScope) && _fixed.TryGetValue(EveryScopeKey, out token)))
            {
                return token;
            }

            throw new TokenUnavailableException($"the tokens file has no token for the scope set '{key}'", isSkip: true);
        }

        if (_tokenUrl is null)
        {
            throw new TokenUnavailableException("no token source: give a token URL or a tokens file", isSkip: true);
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", _clientId),
            new("scope", key),
        };
        if (_clientSecret is not null)
        {
            form.Add(new("client_secret", _clientSecret));
        }

        using var content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(_tokenUrl, content, cancellationToken);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {_http.Timeout.TotalSeconds:0.#} s: POST {_tokenUrl}", ex);
        }

        using var owned = response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenUnavailableException($"the token endpoint answered {(int)response.StatusCode} for scope '{key}': {HttpSender.Excerpt(body)}", isSkip: false);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("access_token", out var accessToken) && accessToken.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Reported below, with the body.
        }

        throw new TokenUnavailableException($"the token endpoint's answer has no access_token: {HttpSender.Excerpt(body)}", isSkip: false);
    }

    private static Dictionary<string, string> ReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
                ?? throw new ConformanceSetupException($"{path}: the tokens file is empty");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ConformanceSetupException($"{path}: not a tokens file ({{\"scope1 scope2\": \"token\"}}): {ex.Message}", ex);
        }
    }
}
