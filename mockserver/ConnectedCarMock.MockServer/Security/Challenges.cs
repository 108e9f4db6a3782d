using System.Collections.Concurrent;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Security;

/// <summary>
/// The <c>WWW-Authenticate</c> challenges of a 401, one per kind of credential the operation accepts: Bearer
/// (OAuth2, OpenID Connect, HTTP Bearer; RFC 6750, first, with the error), Basic (RFC 7617), other HTTP
/// schemes by name, and API keys (no standard challenge exists: an <c>ApiKey</c> challenge naming the
/// parameter, only when nothing else is accepted, since every 401 must carry one).
/// </summary>
internal sealed class Challenges(ApiDocument document)
{
    public const string Realm = "connectedcar";

    // Keyed by operation: bounded by the document.
    private readonly ConcurrentDictionary<Operation, (bool Bearer, string[] Others)> _kinds = new();

    public IEnumerable<string> For(Operation operation, string reason)
    {
        var (bearer, others) = _kinds.GetOrAdd(operation, Kinds);
        if (bearer)
        {
            yield return $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'", StringComparison.Ordinal)}\"";
        }

        foreach (var other in others)
        {
            yield return other;
        }
    }

    private (bool Bearer, string[] Others) Kinds(Operation operation)
    {
        var schemes = operation.Security.SelectMany(r => r.Schemes.Keys).Distinct(StringComparer.Ordinal)
            .Select(name => document.SecuritySchemes.GetValueOrDefault(name)).OfType<SecurityScheme>().ToList();
        var bearer = schemes.Any(s => s.Kind is SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect || s.IsHttp("bearer"));
        var others = new List<string>();
        if (schemes.Any(s => s.IsHttp("basic")))
        {
            others.Add($"Basic realm=\"{Realm}\", charset=\"UTF-8\"");
        }

        foreach (var http in schemes.Where(s => s.Kind == SecuritySchemeKind.Http && !s.IsHttp("basic") && !s.IsHttp("bearer") && !s.IsHttp("none")))
        {
            others.Add($"{http.HttpScheme} realm=\"{Realm}\"");
        }

        if (!bearer && others.Count == 0)
        {
            others.AddRange(schemes.Where(s => s.Kind == SecuritySchemeKind.ApiKey)
                .Select(s => $"ApiKey realm=\"{Realm}\", name=\"{s.ParameterName}\", in=\"{(s.In ?? ParameterLocation.Query).ToString().ToLowerInvariant()}\""));
        }

        return (bearer, others.Distinct(StringComparer.Ordinal).ToArray());
    }
}
