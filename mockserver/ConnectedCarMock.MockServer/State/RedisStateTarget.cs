using System.Globalization;
using StackExchange.Redis;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// Where a mock keeps its shared state: <c>redis://host[:port][/db]</c> (any Redis-protocol server: Redis,
/// Valkey, Garnet) and the namespace (<c>--state-prefix</c>) that keeps several mocks apart on one server.
/// </summary>
internal sealed record RedisStateTarget(string Host, int Port, int Database, string Prefix)
{
    public const string DefaultPrefix = "ccmock";

    /// <summary>For log lines and errors: the URL and the namespace.</summary>
    public string Display => $"redis://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)} (prefix '{Prefix}')";

    /// <exception cref="ArgumentException">The URL or the prefix is not one this mock understands.</exception>
    public static RedisStateTarget Parse(string url, string? prefix)
    {
        if ((UrlError(url) ?? PrefixError(prefix)) is { } error)
        {
            throw new ArgumentException(error);
        }

        var uri = new Uri(url);
        var database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? int.Parse(db, CultureInfo.InvariantCulture) : 0;
        return new RedisStateTarget(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port, database, prefix ?? DefaultPrefix);
    }

    /// <summary>Why a <c>--state</c> value cannot be used; null when it can.</summary>
    public static string? UrlError(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0)
        {
            return $"--state '{url}': expected redis://host[:port][/db]";
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"--state '{url}': only host, port and database number are supported";
        }

        var db = uri.AbsolutePath.Trim('/');
        return db.Length == 0 || (int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 15)
            ? null
            : $"--state '{url}': the database must be a number from 0 to 15, not '{db}'";
    }

    /// <summary>Why a <c>--state-prefix</c> value cannot be used; null when it can (or is absent).</summary>
    public static string? PrefixError(string? prefix) =>
        prefix is not null && (prefix.Length is 0 or > 100 || prefix.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '{' or '}'))
            ? $"--state-prefix '{prefix}': 1 to 100 characters, no spaces, control characters or braces"
            : null;

    /// <summary>
    /// How the client connects: fail at start-up when the server cannot be reached; afterwards reconnect
    /// for ever, and fail commands at once while disconnected (the API answers 503) instead of queueing them.
    /// </summary>
    public ConfigurationOptions Configuration() => new()
    {
        EndPoints = { { Host, Port } },
        DefaultDatabase = Database,
        AbortOnConnectFail = true,
        ConnectRetry = 1,
        ConnectTimeout = 3000,
        SyncTimeout = 3000,
        AsyncTimeout = 3000,
        KeepAlive = 5,
        BacklogPolicy = BacklogPolicy.FailFast,
        ReconnectRetryPolicy = new LinearRetry(500),
        ClientName = "connectedcar-mock",
    };
}
