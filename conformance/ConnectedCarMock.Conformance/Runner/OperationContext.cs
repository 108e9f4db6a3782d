using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Runner;

/// <summary>
/// What the checks of one operation share (they run one after the other): path values, the
/// baseline answer to a valid request with every scope, and the error answers seen so far.
/// Operations that change or delete an item (PUT, PATCH, DELETE) work on items the run creates,
/// so that no other operation loses the ids it discovered.
/// </summary>
internal sealed class OperationContext
{
    private readonly Lazy<Task<IReadOnlyDictionary<string, string>>> _spare;
    private Task<ApiResponse>? _baseline;

    public OperationContext(RunSession session, Operation operation)
    {
        Session = session;
        Operation = operation;
        Template = new PathTemplate(operation.Path);
        if (operation.Method is "PUT" or "PATCH" or "DELETE" && Template.Parameters.Count > 0
            && session.Model.OwnerOf(Template, Template.Parameters[^1]) is { CreateOperation: not null, Item: not null } owner
            && !session.Options.Parameters.ContainsKey(Template.Parameters[^1]))
        {
            FreshOwner = owner;
        }

        _spare = new(() => FreshValuesAsync(CancellationToken.None));
    }

    public RunSession Session { get; }

    public Operation Operation { get; }

    public ApiDocument Document => Session.Document;

    public PathTemplate Template { get; }

    /// <summary>The collection whose items this operation changes, when the run can create them.</summary>
    public ResourceCollection? FreshOwner { get; }

    /// <summary>Error answers (4xx, 5xx) that this operation's cases received, for the error-model check.</summary>
    public ConcurrentQueue<ApiResponse> ErrorAnswers { get; } = new();

    /// <summary>
    /// Path values for a request. <paramref name="consume"/>: the request may change or delete the
    /// item when it succeeds, so it gets an item of its own.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string>> ValuesAsync(bool consume, CancellationToken cancellationToken)
    {
        if (FreshOwner is null)
        {
            return Template.Parameters.Count == 0
                ? Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.Ordinal))
                : consume && Operation.Method == "DELETE" ? NextDiscoveredAsync(cancellationToken) : Session.Discovery.ValuesAsync(Template, cancellationToken);
        }

        return consume ? FreshValuesAsync(cancellationToken) : _spare.Value;
    }

    private int _consumed = -1;

    /// <summary>
    /// A DELETE of items the run cannot create deletes discovered ones: each case that may delete takes the next item
    /// of the list (the last parameter's), so one case's success does not leave the next a 404.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> NextDiscoveredAsync(CancellationToken cancellationToken)
    {
        var values = await Session.Discovery.ValuesAsync(Template, cancellationToken);
        var name = Template.Parameters[^1];
        if (Session.Model.OwnerOf(Template, name) is not { ListOperation: not null, Item: not null } owner || Session.Options.Parameters.ContainsKey(name))
        {
            return values;
        }

        var parents = owner.List.Parameters.Where(values.ContainsKey).ToDictionary(p => p, p => values[p], StringComparer.Ordinal);
        var ids = await Session.Discovery.IdsAsync(owner, parents, cancellationToken);
        if (ids.Count == 0)
        {
            return values;
        }

        var next = Interlocked.Increment(ref _consumed);
        return new Dictionary<string, string>(values, StringComparer.Ordinal) { [name] = ids[next % ids.Count] };
    }

    private async Task<IReadOnlyDictionary<string, string>> FreshValuesAsync(CancellationToken cancellationToken)
    {
        var created = await Session.Discovery.CreateAsync(FreshOwner!, cancellationToken);
        if (Template.Parameters.All(created.ContainsKey))
        {
            return created;
        }

        // Parameters of the path outside the item's own (rare): discovered as usual.
        var values = new Dictionary<string, string>(await Session.Discovery.ValuesAsync(Template, cancellationToken), StringComparer.Ordinal);
        foreach (var (name, value) in created)
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>A valid request with the every-scope token, sent once per operation; several checks read its answer.</summary>
    public Task<ApiResponse> BaselineAsync(CaseContext context)
    {
        _baseline ??= SendBaselineAsync(context);
        return _baseline;
    }

    private async Task<ApiResponse> SendBaselineAsync(CaseContext context)
    {
        var values = await ValuesAsync(consume: true, context.CancellationToken);
        var token = await context.TokenAsync(Session.EveryScope);
        return await context.SendAsync(Session.Requests.Valid(Operation, values, token), "valid request, every scope");
    }

    /// <summary>The documented success statuses, e.g. [200] or [202].</summary>
    public IReadOnlyList<int> SuccessCodes => SuccessCodesOf(Operation);

    public static IReadOnlyList<int> SuccessCodesOf(Operation operation) =>
        operation.SuccessResponses.Select(r => r.Code).OfType<int>().ToList() is { Count: > 0 } codes ? codes : [200, 201, 202, 204];

    /// <summary>The scopes that are exactly enough: the required ones; one optional scope when all are optional; one scope of the document when the operation names none.</summary>
    public IReadOnlyList<string> SufficientScopes =>
        Operation.RequiredScopes.Count > 0 ? Operation.RequiredScopes
        : Operation.OptionalScopes.Count > 0 ? [Operation.OptionalScopes[0]]
        : Session.EveryScope.Take(1).ToList();

    public bool IsSecured => !Access.IsPublic;

    /// <summary>How the operation is called: which credentials, whether a token and the scope rules apply.</summary>
    public AccessPlan Access => Session.Access.For(Operation);
}
