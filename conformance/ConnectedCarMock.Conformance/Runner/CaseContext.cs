using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>The check does not apply after all (found out while running); the reason is reported.</summary>
internal sealed class CaseSkippedException(string reason) : Exception(reason);

/// <summary>The check applies but could not run: no id to use, no credentials for the operation. Counted apart from checks that do not apply.</summary>
internal sealed class CaseNotRunException(string reason) : Exception(reason);

/// <summary>
/// One check on one operation while it runs: sends requests (recording them for the report),
/// collects failed expectations, and may skip with a reason.
/// </summary>
internal sealed class CaseContext(OperationContext operation, CancellationToken cancellationToken)
{
    private readonly List<Exchange> _exchanges = [];
    private readonly List<Exchange> _failedExchanges = [];
    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];

    public OperationContext Op { get; } = operation;

    public Operation Operation => Op.Operation;

    public RunSession Session => Op.Session;

    public ApiDocument Document => Op.Document;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IReadOnlyList<string> Failures => _failures;

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Failed exchanges first, then the rest, each once.</summary>
    public IReadOnlyList<Exchange> Exchanges => _failedExchanges.Concat(_exchanges.Except(_failedExchanges)).ToList();

    public async Task<ApiResponse> SendAsync(ApiRequest request, string label)
    {
        var response = await Session.Http.SendAsync(request, label, CancellationToken);
        Attach(response);
        if (response.Status >= 400)
        {
            Op.ErrorAnswers.Enqueue(response);
        }

        return response;
    }

    /// <summary>A valid request for this operation with the given token and path values (discovered, or fresh when <paramref name="consume"/>).</summary>
    public async Task<ApiRequest> ValidRequestAsync(string? token, bool consume = false)
    {
        var values = await Op.ValuesAsync(consume, CancellationToken);
        return Session.Requests.Valid(Operation, values, token);
    }

    /// <summary>The operation's baseline answer (valid request, every scope), shown in this case's report too.</summary>
    public async Task<ApiResponse> BaselineAsync()
    {
        var response = await Op.BaselineAsync(this);
        Attach(response);
        return response;
    }

    /// <summary>
    /// A token for exactly these scopes; <see cref="AccessPlan.NoToken"/> where the operation takes other credentials
    /// (HTTP Basic, API keys), which every authenticated request then carries.
    /// </summary>
    /// <exception cref="CaseNotRunException">No credentials for the operation, or the tokens file has no entry for the set.</exception>
    public async Task<string> TokenAsync(IEnumerable<string> scopes)
    {
        var access = Op.Access;
        if (access.Missing is { } missing)
        {
            throw new CaseNotRunException($"no credentials: {missing}");
        }

        // Without a token of its own, the request still carries one where a source exists: a check may call other
        // operations with it (a create, then the read that takes a token); each request gets what its operation takes.
        var hasSource = Session.Options.TokenUrl is not null || Session.Options.TokensFile is not null || Session.Options.Tokens is not null;
        if (!access.UsesToken && !hasSource)
        {
            return AccessPlan.NoToken;
        }

        if (!access.UsesToken)
        {
            return await Session.EveryScopeTokenAsync(CancellationToken);
        }

        try
        {
            return await Session.Tokens.GetAsync(scopes, CancellationToken);
        }
        catch (TokenUnavailableException ex) when (ex.IsSkip)
        {
            throw new CaseNotRunException(ex.Message);
        }
    }

    public void Attach(ApiResponse response)
    {
        if (!_exchanges.Contains(response.Exchange))
        {
            _exchanges.Add(response.Exchange);
        }
    }

    public void Fail(string message, ApiResponse? response = null)
    {
        _failures.Add(message);
        if (response is not null && !_failedExchanges.Contains(response.Exchange))
        {
            _failedExchanges.Add(response.Exchange);
        }
    }

    public void Note(string note) => _notes.Add(note);

    /// <summary>Expects one status exactly.</summary>
    public bool ExpectStatus(ApiResponse response, int expected, string what)
    {
        if (response.Status == expected)
        {
            return true;
        }

        Fail($"{what}: expected {expected}, got {response.Status}", response);
        return false;
    }

    /// <summary>Expects a documented 2xx status.</summary>
    public bool ExpectSuccess(ApiResponse response, string what, Operation? of = null)
    {
        var codes = of is null ? Op.SuccessCodes : OperationContext.SuccessCodesOf(of);
        if (codes.Contains(response.Status))
        {
            return true;
        }

        Fail($"{what}: expected {string.Join(" or ", codes)}, got {response.Status}", response);
        return false;
    }

    /// <summary>
    /// Expects an RFC 6750 Bearer challenge, with the error code when one is given; for operations called without a
    /// token, any challenge (RFC 9110: every 401 carries one), Basic where HTTP Basic is what the operation takes.
    /// </summary>
    public void ExpectChallenge(ApiResponse response, string? error)
    {
        var challenge = response.Header("WWW-Authenticate");
        if (!Op.Access.UsesToken)
        {
            if (challenge is null)
            {
                Fail($"{response.Status} without a WWW-Authenticate challenge (RFC 9110 §11.6.1)", response);
            }
            else if (Op.Access.Schemes.Any(s => s.IsHttp("basic")) && !challenge.Contains("Basic", StringComparison.OrdinalIgnoreCase))
            {
                Fail($"the operation takes HTTP Basic but the challenge does not name it: '{challenge}'", response);
            }

            return;
        }

        if (challenge is null || !challenge.TrimStart().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            Fail($"{response.Status} without a Bearer WWW-Authenticate challenge (RFC 6750){(challenge is null ? string.Empty : $": '{challenge}'")}", response);
        }
        else if (error is not null && !challenge.Contains($"error=\"{error}\"", StringComparison.Ordinal))
        {
            Fail($"the WWW-Authenticate challenge lacks error=\"{error}\": '{challenge}'", response);
        }
    }
}
