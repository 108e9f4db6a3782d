using System.Runtime.ExceptionServices;

namespace ConnectedCarMock.Pact;

/// <summary>
/// A consumer's pact with one provider, on the official Pact engine. Declare interactions with
/// <see cref="UponReceiving"/>, then run the consumer code against the engine's mock server with
/// <see cref="VerifyAsync"/>: it fails when the consumer sent something unexpected or left an interaction
/// unused, and otherwise merges the interactions into <c>{PactDir}/{consumer}-{provider}.json</c>.
/// </summary>
/// <example>
/// <code>
/// var pact = PactBuilder.Create("CarApp", "ConnectedCarApi", new PactConfig { PactDir = dir });
/// pact.UponReceiving("a request for a vehicle")
///     .Given("a vehicle exists", new { id = "e5a1c9d2" })
///     .WithRequest(HttpMethod.Get, "/api/connectedcar/v1/accounts/vehicles/e5a1c9d2")
///     .WillRespond()
///     .WithStatus(200)
///     .WithJsonBody(new { vin = Match.Regex("VR3UKZKXZMJ512345", "^[A-HJ-NPR-Z0-9]{17}$") }, "application/hal+json");
/// await pact.VerifyAsync(async ctx => await new MyClient(ctx.MockServerUri).GetVehicleAsync("e5a1c9d2"));
/// </code>
/// </example>
public sealed class PactBuilder
{
    private readonly Declarations<InteractionDefinition> _pending = new();
    private readonly PactParties _parties;
    private readonly IPactDriver _driver;

    private PactBuilder(PactParties parties, IPactDriver driver)
    {
        _parties = parties;
        _driver = driver;
    }

    public string Consumer => _parties.Consumer;

    public string Provider => _parties.Provider;

    public PactConfig Config => _parties.Config;

    /// <summary>Path of the pact file the verifications merge into.</summary>
    public string PactFilePath => _parties.FilePath;

    public static PactBuilder Create(string consumer, string provider, PactConfig? config = null) =>
        Create(consumer, provider, config, FfiPactDriver.Instance);

    /// <summary>A builder on another driver: tests of the DSL run without the native engine.</summary>
    internal static PactBuilder Create(string consumer, string provider, PactConfig? config, IPactDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return new PactBuilder(PactParties.Of(consumer, provider, config), driver);
    }

    /// <summary>Starts an interaction; its description must be unique within the pact.</summary>
    public PactRequestBuilder UponReceiving(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new PactRequestBuilder(_pending.Add(new InteractionDefinition(description)));
    }

    /// <summary>
    /// Starts the engine's mock server with the interactions declared since the last verification, runs
    /// <paramref name="consumerTest"/> against it, then writes the pact file.
    /// </summary>
    /// <exception cref="PactFailureException">The consumer did not make exactly the declared requests.</exception>
    /// <exception cref="DllNotFoundException">The Pact engine is not installed beside the assemblies.</exception>
    public async Task VerifyAsync(Func<ConsumerContext, Task> consumerTest)
    {
        ArgumentNullException.ThrowIfNull(consumerTest);
        var interactions = _pending.TakeAll("No interaction was declared: call UponReceiving(...) before VerifyAsync.");
        if (Config.Specification != PactSpecification.V4 && interactions.FirstOrDefault(i => i.StatusIsMatcher) is { } v4Only)
        {
            throw new NotSupportedException($"interaction '{v4Only.Description}' uses WithAnySuccessStatus, a status-code matcher only Pact V4 can write.");
        }

        using var server = _driver.StartMockServer(_parties, interactions);
        ExceptionDispatchInfo? failure = null;
        try
        {
            await consumerTest(new ConsumerContext(server.Uri)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        // The engine's verdict comes first: a consumer that threw because the mock answered 500 to an
        // unexpected request is best explained by the mismatch, with the test's exception attached.
        if (!server.Matched())
        {
            throw new PactFailureException(Consumer, Provider, server.Mismatches(), failure?.SourceException);
        }

        failure?.Throw();
        server.WritePact(Config.PactDir);
    }
}

/// <summary>What the consumer code under test needs: where the engine's mock server listens.</summary>
public sealed class ConsumerContext
{
    internal ConsumerContext(Uri mockServerUri) => MockServerUri = mockServerUri;

    /// <summary>Scheme, host and port of the mock server, e.g. <c>http://127.0.0.1:38711/</c>.</summary>
    public Uri MockServerUri { get; }
}

/// <summary>The consumer code did not make exactly the requests its pact declares.</summary>
public sealed class PactFailureException : Exception
{
    public PactFailureException()
    {
    }

    public PactFailureException(string message)
        : base(message)
    {
    }

    public PactFailureException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    internal PactFailureException(string consumer, string provider, IReadOnlyList<string> mismatches, Exception? inner)
        : base($"Pact {consumer} -> {provider}: the Pact engine's mock server reported {mismatches.Count} mismatch(es):{Environment.NewLine}"
            + string.Join(Environment.NewLine, mismatches.Select(m => "  - " + m)), inner) =>
        Mismatches = mismatches;

    /// <summary>The engine's mismatches, one readable line each.</summary>
    public IReadOnlyList<string> Mismatches { get; } = [];
}
