using System.CommandLine;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.MockServer.State;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary>The options every command that builds a mock shares; defaults come from <c>CCMOCK_*</c> variables.</summary>
internal sealed class ServerOptionsBinding
{
    private readonly MockServerOptions _defaults = MockServerOptions.FromEnvironment();
    private bool _withState;

    public ServerOptionsBinding()
    {
        Spec = new Option<string?>("--spec") { Description = "OpenAPI document to serve (default: the embedded Connected Car V2 document; env CCMOCK_SPEC)." };
        Host = new Option<string>("--host") { Description = "Interface to listen on (env CCMOCK_HOST).", DefaultValueFactory = _ => _defaults.Host };
        Port = new Option<int>("--port", "-p") { Description = "Port to listen on, 0 for any free port (env CCMOCK_PORT).", DefaultValueFactory = _ => _defaults.Port };
        Seed = new Option<long>("--seed") { Description = "Seed of the world and every body; same seed, same data (env CCMOCK_SEED).", DefaultValueFactory = _ => _defaults.Seed };
        WorldSize = new Option<int>("--world-size") { Description = "Vehicles in the world (env CCMOCK_WORLD_SIZE).", DefaultValueFactory = _ => _defaults.WorldSize };
        Scenario = new Option<string?>("--scenario") { Description = "Scenario applied to every request, e.g. low-battery, stolen-vehicle, trip-with-collision (env CCMOCK_SCENARIO)." };
        Scenarios = new Option<string?>("--scenarios") { Description = "Folder of extra scenario files (env CCMOCK_SCENARIOS)." };
        Security = new Option<string>("--security") { Description = "on (default): OAuth2 and API keys enforced; off: every operation open (env CCMOCK_SECURITY).", DefaultValueFactory = _ => _defaults.Security.Enabled ? "on" : "off" };
        Security.AcceptOnlyFromAmong("on", "off");
        SigningSecret = new Option<string?>("--signing-secret") { Description = "Secret the ES256 token signing key is derived from (env CCMOCK_SIGNING_SECRET; a development default otherwise)." };
        SigningKey = new Option<string?>("--signing-key") { Description = "PEM file with the EC or RSA private key that signs tokens (env CCMOCK_SIGNING_KEY)." };
        Issuer = new Option<string?>("--issuer") { Description = "Token issuer (iss) (env CCMOCK_ISSUER)." };
        Audience = new Option<string?>("--audience") { Description = "Token audience (aud) (env CCMOCK_AUDIENCE)." };
        StaticTokens = new Option<string?>("--static-tokens") { Description = "JSON file of fixed tokens: {\"token\": \"scope1 scope2\"} (env CCMOCK_STATIC_TOKENS)." };
        Credentials = new Option<string?>("--credentials") { Description = "JSON file of the accepted Basic credentials and API keys: {\"basic\": [\"user:password\"], \"apiKeys\": [\"key\"]}; default: any non-empty value (env CCMOCK_CREDENTIALS)." };
        Faults = new Option<string?>("--faults") { Description = "Faults injected at random, e.g. \"status=503;probability=0.1\" or \"delay=250ms;probability=0.5\" (env CCMOCK_FAULTS)." };
        ProviderStates = new Option<string?>("--provider-states") { Description = "JSON file of extra Pact provider states for /__mock/states (env CCMOCK_PROVIDER_STATES)." };
        Variation = new Option<string?>("--variation") { Description = "Tolerant-reader variation of every answer: missing=0.3,extra=0.2[,enum=0.1][,seed=N], or light / heavy (env CCMOCK_VARIATION)." };
        Events = new Option<string?>("--events") { Description = "Event deliveries: pending=300ms;done=500ms;refresh=60s;attempts=5;backoff=200ms;timeout=5s, or immediate (env CCMOCK_EVENTS)." };
        WebhookHosts = new Option<string?>("--webhook-hosts") { Description = "Hosts webhook deliveries may go to, e.g. loopback,*.corp.example (default: any host a client registered; env CCMOCK_WEBHOOK_HOSTS)." };
        EventVariation = new Option<string?>("--event-variation") { Description = "Tolerant-reader variation of every event message, like --variation (env CCMOCK_EVENT_VARIATION)." };
        JournalSize = new Option<int>("--journal-size") { Description = "Requests kept in the journal at /__admin/requests (env CCMOCK_JOURNAL_SIZE).", DefaultValueFactory = _ => _defaults.JournalSize };
        State = new Option<string?>("--state") { Description = "Share what clients change with every replica on the same store: redis://host:port[/db] (Redis, Valkey, Garnet); in memory when absent (env CCMOCK_STATE)." };
        StatePrefix = new Option<string?>("--state-prefix") { Description = $"Namespace of this mock's keys on the state store; several mocks can share one server (default {RedisStateTarget.DefaultPrefix}; env CCMOCK_STATE_PREFIX)." };
        State.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } url && RedisStateTarget.UrlError(url) is { } error)
            {
                r.AddError(error);
            }
        });
        StatePrefix.Validators.Add(r =>
        {
            if (RedisStateTarget.PrefixError(r.GetValueOrDefault<string?>()) is { } error)
            {
                r.AddError(error);
            }
        });
        WorldSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--world-size must be between 1 and 10000");
            }
        });
        Port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535");
            }
        });
    }

    public Option<string?> Spec { get; }

    public Option<string> Host { get; }

    public Option<int> Port { get; }

    public Option<long> Seed { get; }

    public Option<int> WorldSize { get; }

    public Option<int> JournalSize { get; }

    public Option<string?> Scenario { get; }

    public Option<string> Security { get; }

    public Option<string?> SigningSecret { get; }

    public Option<string?> SigningKey { get; }

    public Option<string?> Issuer { get; }

    public Option<string?> Audience { get; }

    public Option<string?> StaticTokens { get; }

    public Option<string?> Credentials { get; }

    public Option<string?> Faults { get; }

    public Option<string?> Variation { get; }

    public Option<string?> ProviderStates { get; }

    public Option<string?> Events { get; }

    public Option<string?> WebhookHosts { get; }

    public Option<string?> EventVariation { get; }

    public Option<string?> Scenarios { get; }

    public Option<string?> State { get; }

    public Option<string?> StatePrefix { get; }

    /// <summary>Adds <c>--state</c> and <c>--state-prefix</c>: for the commands that serve (not for <c>generate</c>, which keeps no state).</summary>
    public void AddStateTo(Command command)
    {
        _withState = true;
        command.Options.Add(State);
        command.Options.Add(StatePrefix);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Spec);
        command.Options.Add(Host);
        command.Options.Add(Port);
        command.Options.Add(Seed);
        command.Options.Add(WorldSize);
        command.Options.Add(JournalSize);
        command.Options.Add(Scenario);
        command.Options.Add(Scenarios);
        command.Options.Add(Security);
        command.Options.Add(SigningSecret);
        command.Options.Add(SigningKey);
        command.Options.Add(Issuer);
        command.Options.Add(Audience);
        command.Options.Add(StaticTokens);
        command.Options.Add(Credentials);
        command.Options.Add(Faults);
        command.Options.Add(Variation);
        command.Options.Add(ProviderStates);
        command.Options.Add(Events);
        command.Options.Add(WebhookHosts);
        command.Options.Add(EventVariation);
        Events.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && MockServer.Events.DeliveryOptions.Parse(text).Error is { } error)
            {
                r.AddError($"--events: {error}");
            }
        });
        EventVariation.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && Fixtures.Variation.VariationSettings.Parse(text).Error is { } error)
            {
                r.AddError($"--event-variation: {error}");
            }
        });
        Variation.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && Fixtures.Variation.VariationSettings.Parse(text).Error is { } error)
            {
                r.AddError($"--variation: {error}");
            }
        });
        Faults.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && FaultPlan.Parse(text).Error is { } error)
            {
                r.AddError($"--faults: {error}");
            }
        });
    }

    private MockServer.Events.DeliveryOptions ReadEvents(ParseResult parse)
    {
        var events = parse.GetValue(Events) is { } text ? MockServer.Events.DeliveryOptions.Parse(text, _defaults.Events).Options! : _defaults.Events;
        events = parse.GetValue(WebhookHosts) is { } hosts ? events with { WebhookHosts = MockServer.Events.DeliveryOptions.ParseHosts(hosts) } : events;
        return parse.GetValue(EventVariation) is { } variation ? events with { Variation = Fixtures.Variation.VariationSettings.Parse(variation).Settings } : events;
    }

    public MockServerOptions Read(ParseResult parse) => _defaults with
    {
        SpecPath = parse.GetValue(Spec) ?? _defaults.SpecPath,
        Host = parse.GetValue(Host) ?? _defaults.Host,
        Port = parse.GetValue(Port),
        Seed = parse.GetValue(Seed),
        WorldSize = parse.GetValue(WorldSize),
        JournalSize = parse.GetValue(JournalSize),
        Scenario = parse.GetValue(Scenario) ?? _defaults.Scenario,
        ScenarioDirectory = parse.GetValue(Scenarios) ?? _defaults.ScenarioDirectory,
        Faults = parse.GetValue(Faults) is { } faults ? FaultPlan.Parse(faults).Plan : _defaults.Faults,
        ProviderStatesFile = parse.GetValue(ProviderStates) ?? _defaults.ProviderStatesFile,
        State = _withState ? parse.GetValue(State) ?? _defaults.State : null,
        StatePrefix = _withState ? parse.GetValue(StatePrefix) ?? _defaults.StatePrefix : null,
        Variation = parse.GetValue(Variation) is { } variation ? Fixtures.Variation.VariationSettings.Parse(variation).Settings : _defaults.Variation,
        Events = ReadEvents(parse),
        Security = _defaults.Security with
        {
            Enabled = parse.GetValue(Security) != "off",
            SigningSecret = parse.GetValue(SigningSecret) ?? _defaults.Security.SigningSecret,
            SigningKeyFile = parse.GetValue(SigningKey) ?? _defaults.Security.SigningKeyFile,
            Issuer = parse.GetValue(Issuer) ?? _defaults.Security.Issuer,
            Audience = parse.GetValue(Audience) ?? _defaults.Security.Audience,
            StaticTokensFile = parse.GetValue(StaticTokens) ?? _defaults.Security.StaticTokensFile,
            CredentialsFile = parse.GetValue(Credentials) ?? _defaults.Security.CredentialsFile,
        },
    };
}
