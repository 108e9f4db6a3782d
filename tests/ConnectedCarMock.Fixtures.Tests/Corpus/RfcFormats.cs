using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.Fixtures.Tests.Corpus;

/// <summary>
/// Strict checkers of three formats, written from the grammars of their RFCs, to judge generated values
/// where no .NET validator judges the format like the JSON-Schema-Test-Suite (test judges, not production
/// code). ASCII only, anchored at the very end (<c>\z</c>: a trailing newline is not the end of a date).
/// </summary>
internal static partial class RfcFormats
{
    /// <summary>RFC 3339 §5.6 <c>date-time</c>, with the leap second (:60) only at 23:59 UTC (§5.7, appendix D).</summary>
    public static bool IsDateTime(string text)
    {
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var (year, month, day) = (Part("year"), Part("month"), Part("day"));
        var (hour, minute, second) = (Part("hour"), Part("minute"), Part("second"));
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var offset = 0;
        if (match.Groups["offsetHour"].Success)
        {
            var (offsetHour, offsetMinute) = (Part("offsetHour"), Part("offsetMinute"));
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offset = (match.Groups["sign"].Value == "-" ? -1 : 1) * ((offsetHour * 60) + offsetMinute);
        }

        // A leap second is added at the end of a UTC day: local time minus the offset is 23:59.
        var utcMinute = ((((hour * 60) + minute - offset) % 1440) + 1440) % 1440;
        return second < 60 || utcMinute == (23 * 60) + 59;
    }

    // RFC 3339 §5.7: February has 29 days in leap years (year 0000 included, as the Gregorian rule says).
    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>RFC 4122 §3 <c>UUID</c>: 8-4-4-4-12 hexadecimal digits, either case, nothing around them.</summary>
    public static bool IsUuid(string text) => UuidPattern().IsMatch(text);

    /// <summary>RFC 3986 §3 <c>URI</c> (absolute, with a scheme; a relative reference is not a URI).</summary>
    public static bool IsUri(string text) => UriPattern().IsMatch(text);

    [GeneratedRegex("""^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.[0-9]+)?(?:[Zz]|(?<sign>[+-])(?<offsetHour>[0-9]{2}):(?<offsetMinute>[0-9]{2}))\z""", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("""^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z""", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    // The ABNF of RFC 3986 appendix A, rule by rule.
    private const string Unreserved = @"A-Za-z0-9._~\-";
    private const string SubDelims = "!$&'()*+,;=";
    private const string PctEncoded = "%[0-9A-Fa-f]{2}";
    private const string PChar = "(?:[" + Unreserved + SubDelims + ":@]|" + PctEncoded + ")";
    private const string Scheme = "[A-Za-z][A-Za-z0-9+.-]*";
    private const string UserInfo = "(?:[" + Unreserved + SubDelims + ":]|" + PctEncoded + ")*";
    private const string DecOctet = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
    private const string IPv4 = DecOctet + @"\." + DecOctet + @"\." + DecOctet + @"\." + DecOctet;
    private const string H16 = "[0-9A-Fa-f]{1,4}";
    private const string Ls32 = "(?:" + H16 + ":" + H16 + "|" + IPv4 + ")";
    private const string IPv6 = "(?:"
        + "(?:" + H16 + ":){6}" + Ls32
        + "|::(?:" + H16 + ":){5}" + Ls32
        + "|(?:" + H16 + ")?::(?:" + H16 + ":){4}" + Ls32
        + "|(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + Ls32
        + "|(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + Ls32
        + "|(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + Ls32
        + "|(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + Ls32
        + "|(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16
        + "|(?:(?:" + H16 + ":){0,6}" + H16 + ")?::)";
    private const string IPvFuture = "v[0-9A-Fa-f]+\\.[" + Unreserved + SubDelims + ":]+";
    private const string RegName = "(?:[" + Unreserved + SubDelims + "]|" + PctEncoded + ")*";
    private const string Host = @"(?:\[(?:" + IPv6 + "|" + IPvFuture + @")\]|" + IPv4 + "|" + RegName + ")";
    private const string Authority = "(?:" + UserInfo + "@)?" + Host + "(?::[0-9]*)?";
    private const string Segment = PChar + "*";
    private const string SegmentNz = PChar + "+";
    private const string HierPart = "(?://" + Authority + "(?:/" + Segment + ")*"
        + "|/(?:" + SegmentNz + "(?:/" + Segment + ")*)?"
        + "|" + SegmentNz + "(?:/" + Segment + ")*"
        + "|)";
    private const string QueryOrFragment = "(?:" + PChar + "|[/?])*";

    [GeneratedRegex("^" + Scheme + ":" + HierPart + "(?:\\?" + QueryOrFragment + ")?(?:#" + QueryOrFragment + @")?\z", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();
}
