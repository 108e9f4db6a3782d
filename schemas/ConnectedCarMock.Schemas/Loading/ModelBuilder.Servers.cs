using System.Text.Json;

namespace ConnectedCarMock.Schemas.Loading;

/// <summary>The base path, from the first server of the normalized document.</summary>
internal sealed partial class ModelBuilder
{
    public static string BasePathOf(JsonElement root)
    {
        if (!Has(root, "servers", out var servers) || servers.ValueKind != JsonValueKind.Array || servers.GetArrayLength() == 0)
        {
            return string.Empty;
        }

        var server = servers[0];
        var url = Text(server, "url") ?? string.Empty;
        if (Has(server, "variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in Members(variables))
            {
                var value = Text(variable.Value, "default") ?? string.Empty;
                url = url.Replace("{" + variable.Name + "}", value, StringComparison.Ordinal);
            }
        }

        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            path = absolute.AbsolutePath;
        }
        else
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            path = schemeEnd >= 0 ? url[(url.IndexOf('/', schemeEnd + 3) is var slash and >= 0 ? slash : url.Length)..] : url;
        }

        path = path.TrimEnd('/');
        return path.Length == 0 || path.StartsWith('/') ? path : "/" + path;
    }
}
