using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnectedCarMock.MockServer.Pipeline;

/// <summary>A fault to inject: an error status, a delay, or a dropped connection.</summary>
public sealed partial record FaultPlan
{
    /// <summary>Chance that a request gets the fault (1 for the per-request header).</summary>
    public double Probability { get; init; } = 1;

    public int? Status { get; init; }

    public TimeSpan? Delay { get; init; }

    /// <summary>Drop the connection without an answer.</summary>
    public bool Reset { get; init; }

    public bool IsEmpty => Status is null && Delay is null && !Reset;

    public override string ToString() =>
        string.Join("; ", new[]
        {
            Status is { } s ? $"status={s}" : null,
            Delay is { } d ? $"delay={(int)d.TotalMilliseconds}ms" : null,
            Reset ? "reset" : null,
            Probability < 1 ? $"probability={Probability.ToString(CultureInfo.InvariantCulture)}" : null,
        }.Where(p => p is not null));

    /// <summary>
    /// Parses <c>status=503</c>, <c>delay=250ms</c>, <c>reset</c>, <c>probability=0.1</c>, separated by
    /// <c>;</c> or <c>,</c>. Null with an error for anything else.
    /// </summary>
    public static (FaultPlan? Plan, string? Error) Parse(string text)
    {
        var plan = new FaultPlan();
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Part().Match(part);
            if (!match.Success)
            {
                return (null, $"'{part}' is not status=NNN, delay=NNNms, reset or probability=0..1");
            }

            var value = match.Groups["value"].Value;
            switch (match.Groups["key"].Value)
            {
                case "status" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599:
                    plan = plan with { Status = status };
                    break;
                case "delay" when int.TryParse(value.Replace("ms", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 60_000:
                    plan = plan with { Delay = TimeSpan.FromMilliseconds(ms) };
                    break;
                case "reset" when value.Length == 0:
                    plan = plan with { Reset = true };
                    break;
                case "probability" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1:
                    plan = plan with { Probability = p };
                    break;
                default:
                    return (null, $"'{part}' has an invalid value (status 400-599, delay up to 60000ms, probability 0..1)");
            }
        }

        return plan.IsEmpty ? (null, "no fault given") : (plan, null);
    }

    [GeneratedRegex(@"^(?<key>status|delay|reset|probability)(=(?<value>[0-9.]+(ms)?))?$")]
    private static partial Regex Part();
}
