using ConnectedCarMock.Conformance.Checks;

namespace ConnectedCarMock.Conformance;

/// <summary>A check of the conformance runner: its id (<c>auth.missing-token</c>) and what it asserts.</summary>
public sealed record CheckInfo(string Id, string Description);

/// <summary>Every check the runner knows, in the order reports list them.</summary>
public static class CheckCatalog
{
    internal static IReadOnlyList<Check> Instances { get; } =
    [
        new MissingTokenCheck(),
        new InvalidTokenCheck(),
        new NoScopesCheck(),
        new InsufficientScopeCheck(),
        new RequiredScopeCheck(),
        new ParentScopeCheck(),
        new ScopeFilteringCheck(),
        new SuccessStatusCheck(),
        new NotFoundCheck(),
        new BadRequestCheck(),
        new MethodNotAllowedCheck(),
        new TolerantSchemaCheck(),
        new ContentTypeCheck(),
        new ErrorModelCheck(),
        new HalLinksCheck(),
        new PagingCheck(),
        new TolerantBodyCheck(),
        new LifecycleCheck(),
    ];

    public static IReadOnlyList<CheckInfo> All { get; } = Instances.Select(c => new CheckInfo(c.Id, c.Description)).ToList();

    public static CheckInfo? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>What a check of any run asserts (API checks, then webhook checks); empty when none has the id.</summary>
    internal static string Describe(string id) => (Find(id) ?? Webhooks.WebhookChecks.Find(id))?.Description ?? string.Empty;

    /// <summary>The checks to run: the chosen ones (all when none are), minus the skipped ones.</summary>
    /// <exception cref="ConformanceSetupException">An id names no check.</exception>
    internal static IReadOnlyList<Check> Select(IReadOnlyList<string> only, IReadOnlyList<string> skip)
    {
        var unknown = only.Concat(skip).Where(id => Find(id) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ConformanceSetupException($"unknown check '{unknown[0]}'; known: {string.Join(", ", All.Select(c => c.Id))}");
        }

        return Instances.Where(c => (only.Count == 0 || only.Contains(c.Id)) && !skip.Contains(c.Id)).ToList();
    }
}
