using WireMock;
using WireMock.Server;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// The mappings users added to WireMock (through <c>/__admin/mappings</c> or in-process), which win over
/// spec-driven answers. Kept as an array refreshed whenever WireMock may have changed (after every
/// <c>/__admin</c> request and every call on the server handle), so the fast path pays one volatile read
/// while there are none; while there are some, a request goes to WireMock only when one may match it.
/// </summary>
internal sealed class UserMappings(WireMockServer server, Guid catchAll, Action restoreCatchAll)
{
    private volatile IMapping[] _mappings = [];

    public bool Any => _mappings.Length > 0;

    public void Refresh()
    {
        var all = server.Mappings;
        if (!all.Any(m => m.Guid == catchAll))
        {
            restoreCatchAll(); // a reset through the admin API removes it with the user mappings
        }

        _mappings = all.Where(m => !m.IsAdminInterface && m.Guid != catchAll).ToArray();
    }

    /// <summary>
    /// Whether WireMock would answer this request with a user mapping. Evaluated with WireMock's own
    /// matchers; a mapping that cannot be evaluated here (it throws) counts as a possible match, and
    /// WireMock decides (its catch-all still answers through the pipeline if none matches).
    /// </summary>
    public bool MayMatch(IRequestMessage request)
    {
        foreach (var mapping in _mappings)
        {
            if (mapping.IsDisabled)
            {
                continue;
            }

            try
            {
                if (mapping.GetRequestMatchResult(request, NextState(mapping)).IsPerfectMatch)
                {
                    return true;
                }
            }
            catch (Exception)
            {
                return true;
            }
        }

        return false;
    }

    private string? NextState(IMapping mapping) =>
        mapping.Scenario is null ? null : server.Scenarios.FirstOrDefault(s => s.Name == mapping.Scenario)?.NextState;
}
