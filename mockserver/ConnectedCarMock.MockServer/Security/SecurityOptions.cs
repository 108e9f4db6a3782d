namespace ConnectedCarMock.MockServer.Security;

/// <summary>How the mock authenticates: who signs tokens, for whom, and which static tokens it accepts.</summary>
public sealed record SecurityOptions
{
    /// <summary>
    /// Development default of <see cref="SigningSecret"/>: a server and a <c>connectedcar-mock token</c>
    /// run with default settings agree. Never a secret in any real sense; set your own.
    /// </summary>
    public const string DevelopmentSecret = "connectedcarmock-development-signing-secret";

    /// <summary>Whether OAuth2/API-key security is enforced. Off serves every operation without credentials.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Secret the ES256 signing key is derived from, so restarts and other processes sign alike.</summary>
    public string SigningSecret { get; init; } = DevelopmentSecret;

    /// <summary>PEM file with an EC (P-256) or RSA private key; takes precedence over <see cref="SigningSecret"/>.</summary>
    public string? SigningKeyFile { get; init; }

    public string Issuer { get; init; } = "https://connectedcarmock.local";

    public string Audience { get; init; } = "connected-car-api";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Allowed difference between clocks when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>JSON file of static tokens: <c>{"my-token": "data:trip data:collision"}</c>.</summary>
    public string? StaticTokensFile { get; init; }

    /// <summary>
    /// JSON file of the HTTP Basic credentials and API keys accepted (<c>{"basic": ["user:password"], "apiKeys": ["key"]}</c>);
    /// null accepts any non-empty value.
    /// </summary>
    public string? CredentialsFile { get; init; }
}
