using System.Globalization;

using ConnectedCarMock.MockServer.Events;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.Security;

namespace ConnectedCarMock.MockServer;

/// <summary>Settings of a mock server, shared by the CLI, the container and in-process hosting.</summary>
public sealed record MockServerOptions
{
    public const long DefaultSeed = 20250602;

    /// <summary>OpenAPI document to serve; null serves the embedded Connected Car V2 document.</summary>
    public string? SpecPath { get; init; }

    /// <summary>Interface to listen on: <c>127.0.0.1</c> by default, <c>0.0.0.0</c> in the container.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (what tests want).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Seed of the world and of every generated body. Fixed by default: two runs give the same data.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Vehicles in the world (and items of every top-level collection).</summary>
    public int WorldSize { get; init; } = 5;

    /// <summary>Scenario applied to every request (e.g. <c>low-battery</c>); a request can pick another with <c>X-Mock-Scenario</c>.</summary>
    public string? Scenario { get; init; }

    /// <summary>Folder of extra scenario files (<c>*.json</c>), beside the ones that ship with the mock.</summary>
    public string? ScenarioDirectory { get; init; }

    /// <summary>File of extra Pact provider states (see <c>fixtures/.../ProviderStates/connected-car.json</c> for the format).</summary>
    public string? ProviderStatesFile { get; init; }

    /// <summary>How many requests the journal keeps (<c>/__admin/requests</c>).</summary>
    public int JournalSize { get; init; } = 1000;

    /// <summary>OAuth2 and API-key security: on by default, as strict as the real API.</summary>
    public SecurityOptions Security { get; init; } = new();

    /// <summary>Faults injected at random into API answers (<c>--faults "status=503;probability=0.1"</c>).</summary>
    public FaultPlan? Faults { get; init; }

    /// <summary>Tolerant-reader variation of every answer (<c>--variation missing=0.3,extra=0.2</c>, <c>light</c>, <c>heavy</c>); off by default.</summary>
    public Fixtures.Variation.VariationSettings? Variation { get; init; }

    /// <summary>
    /// Test-only hook around the pipeline: receives each API request and the rest of the pipeline, and
    /// may change either. The conformance tests use it to build deliberately defective servers.
    /// </summary>
    internal Func<MockRequest, Func<MockRequest, Task<MockResponse>>, Task<MockResponse>>? Interceptor { get; init; }

    /// <summary>
    /// Where what clients change is kept: null for this process's memory; <c>redis://host:port[/db]</c> to share
    /// it with every replica pointed at the same Redis-protocol server (Redis, Valkey, Garnet).
    /// </summary>
    public string? State { get; init; }

    /// <summary>Namespace of this mock's keys on the state store, so several mocks share one server; reset clears only its own.</summary>
    public string? StatePrefix { get; init; }

    /// <summary>Webhooks: delays, retries, allowed hosts and variation of event deliveries (<c>--events</c>, <c>--webhook-hosts</c>, <c>--event-variation</c>).</summary>
    public DeliveryOptions Events { get; init; } = new();

    /// <summary>URL used in links when a request's Host header cannot be used.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Options from <c>CCMOCK_*</c> environment variables, over the defaults.</summary>
    public static MockServerOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var options = new MockServerOptions();
        return options with
        {
            SpecPath = read("CCMOCK_SPEC") ?? options.SpecPath,
            Host = read("CCMOCK_HOST") ?? options.Host,
            Port = Int(read, "CCMOCK_PORT") ?? options.Port,
            Seed = Long(read, "CCMOCK_SEED") ?? options.Seed,
            WorldSize = Int(read, "CCMOCK_WORLD_SIZE") ?? options.WorldSize,
            JournalSize = Int(read, "CCMOCK_JOURNAL_SIZE") ?? options.JournalSize,
            PublicUrl = read("CCMOCK_PUBLIC_URL") ?? options.PublicUrl,
            State = read("CCMOCK_STATE") ?? options.State,
            StatePrefix = read("CCMOCK_STATE_PREFIX") ?? options.StatePrefix,
            Scenario = read("CCMOCK_SCENARIO") ?? options.Scenario,
            ScenarioDirectory = read("CCMOCK_SCENARIOS") ?? options.ScenarioDirectory,
            ProviderStatesFile = read("CCMOCK_PROVIDER_STATES") ?? options.ProviderStatesFile,
            Variation = read("CCMOCK_VARIATION") is { } variation ? Fixtures.Variation.VariationSettings.Parse(variation).Settings ?? throw new FormatException($"CCMOCK_VARIATION='{variation}': {Fixtures.Variation.VariationSettings.Parse(variation).Error}") : null,
            Events = EventsFrom(read, options.Events),
            Faults = read("CCMOCK_FAULTS") is { } faults ? FaultPlan.Parse(faults).Plan ?? throw new FormatException($"CCMOCK_FAULTS='{faults}': {FaultPlan.Parse(faults).Error}") : null,
            Security = options.Security with
            {
                Enabled = read("CCMOCK_SECURITY") is not { } security || !security.Equals("off", StringComparison.OrdinalIgnoreCase),
                SigningSecret = read("CCMOCK_SIGNING_SECRET") ?? options.Security.SigningSecret,
                SigningKeyFile = read("CCMOCK_SIGNING_KEY") ?? options.Security.SigningKeyFile,
                Issuer = read("CCMOCK_ISSUER") ?? options.Security.Issuer,
                Audience = read("CCMOCK_AUDIENCE") ?? options.Security.Audience,
                StaticTokensFile = read("CCMOCK_STATIC_TOKENS") ?? options.Security.StaticTokensFile,
                CredentialsFile = read("CCMOCK_CREDENTIALS") ?? options.Security.CredentialsFile,
            },
        };
    }

    private static DeliveryOptions EventsFrom(Func<string, string?> read, DeliveryOptions events)
    {
        if (read("CCMOCK_EVENTS") is { } text)
        {
            events = DeliveryOptions.Parse(text, events).Options ?? throw new FormatException($"CCMOCK_EVENTS='{text}': {DeliveryOptions.Parse(text).Error}");
        }

        if (read("CCMOCK_EVENT_VARIATION") is { } variation)
        {
            events = events with { Variation = Fixtures.Variation.VariationSettings.Parse(variation).Settings ?? throw new FormatException($"CCMOCK_EVENT_VARIATION='{variation}': {Fixtures.Variation.VariationSettings.Parse(variation).Error}") };
        }

        return read("CCMOCK_WEBHOOK_HOSTS") is { } hosts ? events with { WebhookHosts = DeliveryOptions.ParseHosts(hosts) } : events;
    }

    private static int? Int(Func<string, string?> read, string name) =>
        read(name) is { } text ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{name}='{text}' is not a number") : null;

    private static long? Long(Func<string, string?> read, string name) =>
        read(name) is { } text ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{name}='{text}' is not a number") : null;
}
