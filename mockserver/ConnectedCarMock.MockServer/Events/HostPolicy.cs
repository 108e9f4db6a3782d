using System.Net;
using ConnectedCarMock.Fixtures.Events;

namespace ConnectedCarMock.MockServer.Events;

/// <summary>
/// Where deliveries may go: http(s) only, never a host in a domain RFC 2606 reserves, and only the
/// hosts of <c>--webhook-hosts</c> when it is given (<c>*.domain</c> for a domain, <c>loopback</c>
/// for this machine, <c>*</c> for any). Checked before a message is sent and again on every
/// connection the sender opens.
/// </summary>
internal sealed class HostPolicy(IReadOnlyList<string>? allowed)
{
    /// <summary>Why the mock will not post to this target; null when it may.</summary>
    public string? Refusal(Uri target)
    {
        if (target.Scheme is not ("http" or "https"))
        {
            return $"'{target.Scheme}' targets are not delivered: only http and https";
        }

        return Refusal(target.IdnHost);
    }

    public string? Refusal(string host)
    {
        var name = host.Trim('[', ']');
        if (ReservedTargets.IsReserved(name))
        {
            return $"host '{name}' is in a domain RFC 2606 reserves: the mock never contacts it";
        }

        return allowed is null || allowed.Any(pattern => Matches(pattern, name))
            ? null
            : $"host '{name}' is not in --webhook-hosts ({string.Join(", ", allowed)})";
    }

    public static bool IsLoopback(string host)
    {
        var name = host.Trim('[', ']');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    private static bool Matches(string pattern, string host) => pattern switch
    {
        "*" => true,
        "loopback" => IsLoopback(host),
        _ when pattern.StartsWith("*.", StringComparison.Ordinal) => host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase),
        _ => pattern.Trim('[', ']').Equals(host, StringComparison.OrdinalIgnoreCase),
    };
}
