using System.Text.Json;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// Which HTTP Basic credentials and API keys the mock accepts: any non-empty value by default (a mock
/// proves that a client sends credentials where the document asks for them, not that it knows a secret),
/// or only the ones listed in a file:
/// <c>{"basic": ["alice:secret"], "apiKeys": ["k1", "k2"]}</c>, where <c>apiKeys</c> may also be an object
/// from security scheme name to its keys: <c>{"apiKeys": {"api_keyAuth": ["k1"]}}</c>.
/// </summary>
internal sealed class AcceptedCredentials
{
    private readonly HashSet<string>? _basic;
    private readonly HashSet<string>? _anyKey;
    private readonly Dictionary<string, HashSet<string>>? _keysByScheme;

    private AcceptedCredentials(HashSet<string>? basic, HashSet<string>? anyKey, Dictionary<string, HashSet<string>>? keysByScheme)
    {
        _basic = basic;
        _anyKey = anyKey;
        _keysByScheme = keysByScheme;
    }

    /// <summary>Every non-empty value.</summary>
    public static AcceptedCredentials Any { get; } = new(null, null, null);

    /// <exception cref="InvalidDataException">The file is not a credentials file.</exception>
    public static AcceptedCredentials Load(string? file)
    {
        if (file is null)
        {
            return Any;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file}: credentials must be a JSON object {{\"basic\": [\"user:password\"], \"apiKeys\": [\"key\"]}}");
        }

        var basic = root.TryGetProperty("basic", out var b) ? Strings(file, "basic", b) : null;
        HashSet<string>? anyKey = null;
        Dictionary<string, HashSet<string>>? byScheme = null;
        if (root.TryGetProperty("apiKeys", out var keys))
        {
            if (keys.ValueKind == JsonValueKind.Object)
            {
                byScheme = keys.EnumerateObject().ToDictionary(p => p.Name, p => Strings(file, "apiKeys." + p.Name, p.Value), StringComparer.Ordinal);
            }
            else
            {
                anyKey = Strings(file, "apiKeys", keys);
            }
        }

        return new AcceptedCredentials(basic, anyKey, byScheme);
    }

    /// <summary>Whether <c>user:password</c> (decoded) is accepted.</summary>
    public bool AcceptsBasic(string userAndPassword) =>
        userAndPassword.Length > 0 && (_basic is null || _basic.Contains(userAndPassword));

    /// <summary>Whether an API key is accepted for a scheme.</summary>
    public bool AcceptsKey(string scheme, string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        if (_keysByScheme is not null)
        {
            return _keysByScheme.TryGetValue(scheme, out var listed) ? listed.Contains(key) : _anyKey?.Contains(key) ?? false;
        }

        return _anyKey is null || _anyKey.Contains(key);
    }

    private static HashSet<string> Strings(string file, string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal)
            : throw new InvalidDataException($"{file}: '{name}' must be an array of strings");
}
