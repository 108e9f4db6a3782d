using System.Text.Json;
using ConnectedCarMock.Fixtures.Variation;
using ConnectedCarMock.MockServer.Pipeline;

namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// <see cref="RuntimeSettings"/> as the JSON kept in Redis. Written field by field (not the records
/// themselves), so a change to a settings type cannot silently change what replicas of another build read.
/// </summary>
internal static class RedisSettingsCodec
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <param name="revision">Moves on with every write, so a replica never swaps newer settings for older ones it read late.</param>
    public static string Encode(RuntimeSettings settings, long revision) => JsonSerializer.Serialize(
        new SettingsDto(
            revision,
            settings.Variation is { } v ? new VariationDto(v.Missing, v.Extra, v.Enum, v.Seed, v.Sweep) : null,
            settings.Faults is { } f ? new FaultsDto(f.Probability, f.Status, f.Delay is { } d ? (long)d.TotalMilliseconds : null, f.Reset) : null,
            settings.Scenario,
            new StatesDto(settings.States.Refuse, [.. settings.States.Withheld], settings.States.Scenario, settings.States.Phase.ToString()),
            settings.SecurityEnabled),
        Json);

    /// <exception cref="InvalidDataException">The JSON is not settings this mock wrote.</exception>
    public static (RuntimeSettings Settings, long Revision) Decode(string json)
    {
        SettingsDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<SettingsDto>(json, Json) ?? throw new InvalidDataException("the settings in the state store are null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the settings in the state store are not readable: {ex.Message}", ex);
        }

        return (new RuntimeSettings
        {
            Variation = dto.Variation is { } v ? new VariationSettings { Missing = v.Missing, Extra = v.Extra, Enum = v.Enum, Seed = v.Seed, Sweep = v.Sweep } : null,
            Faults = dto.Faults is { } f ? new FaultPlan { Probability = f.Probability, Status = f.Status, Delay = f.DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, Reset = f.Reset } : null,
            Scenario = dto.Scenario,
            States = dto.States is { } s
                ? new StateEffects(s.Refuse, s.Withheld ?? [], s.Scenario) { Phase = Enum.TryParse<StatePhase>(s.Phase, out var phase) ? phase : StatePhase.None }
                : StateEffects.None,
            SecurityEnabled = dto.Security,
        }, dto.Revision);
    }

    private sealed record SettingsDto(long Revision, VariationDto? Variation, FaultsDto? Faults, string? Scenario, StatesDto? States, bool Security);

    private sealed record VariationDto(double Missing, double Extra, double Enum, long? Seed, int? Sweep);

    private sealed record FaultsDto(double Probability, int? Status, long? DelayMs, bool Reset);

    private sealed record StatesDto(bool Refuse, List<string>? Withheld, string? Scenario, string? Phase);
}
