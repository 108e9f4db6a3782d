using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Checks;

internal sealed class ScopeFilteringCheck : Check
{
    public override string Id => "scopes.filtering";

    public override string Description => "With one optional scope, no property of another optional scope is present; with all of them, they may be.";

    public override string? NotApplicable(OperationContext operation)
    {
        if (!operation.IsSecured)
        {
            return AuthCheck.PublicOperation;
        }

        if (operation.Operation.OptionalScopes.Count == 0)
        {
            return "no optional scope: nothing in the answer depends on the scopes granted";
        }

        return SuccessSchema(operation.Operation) is null ? "the documented answer has no JSON body to filter" : null;
    }

    public override async Task RunAsync(CaseContext context)
    {
        var operation = context.Operation;
        var schema = SuccessSchema(operation)!;
        var consume = operation.Method != "GET";
        var every = operation.RequiredScopes.Concat(operation.OptionalScopes).Distinct(StringComparer.Ordinal).ToList();
        var full = await context.SendAsync(await context.ValidRequestAsync(await context.TokenAsync(every), consume), "every optional scope");
        if (!context.ExpectSuccess(full, "with every scope of the operation"))
        {
            return;
        }

        var present = context.Session.Scopes.Governed(full.Json, schema, operation).Where(p => !p.Required).ToList();
        if (present.Count == 0)
        {
            throw new CaseSkippedException("no property of an optional scope appears in the answer, even with every optional scope: nothing to filter");
        }

        var granted = Choose(operation, present);
        if (granted is null)
        {
            throw new CaseSkippedException("the required scopes already cover the properties of every optional scope present: none can be withheld");
        }

        var label = string.Join(' ', granted);
        var narrow = await context.SendAsync(await context.ValidRequestAsync(await context.TokenAsync(granted), consume), $"only {label}");
        if (!context.ExpectSuccess(narrow, $"with only {label}"))
        {
            return;
        }

        var leaks = ScopeMap.Leaks(context.Session.Scopes.Governed(narrow.Json, schema, operation), granted);
        if (leaks.Count > 0)
        {
            var shown = string.Join(", ", leaks.Take(5).Select(l => $"{l.Pointer} ({l.Scope})"));
            context.Fail($"with only {label}, {leaks.Count} properties of optional scopes not granted are present: {shown}", narrow);
        }
        else
        {
            context.Note($"with only {label}, {ScopeMap.Leaks(present, granted).Count} properties were withheld as they should be");
        }
    }

    /// <summary>
    /// The scopes to grant: the required ones plus the optional scope that leaves the most present
    /// properties out (none at all only when no single optional scope withholds anything).
    /// </summary>
    private static List<string>? Choose(Operation operation, List<GovernedProperty> present)
    {
        List<string>? best = null;
        var bestWithheld = 0;
        foreach (var optional in operation.OptionalScopes)
        {
            var granted = operation.RequiredScopes.Append(optional).Distinct(StringComparer.Ordinal).ToList();
            var withheld = ScopeMap.Leaks(present, granted).Count;
            if (withheld > bestWithheld)
            {
                (best, bestWithheld) = (granted, withheld);
            }
        }

        if (best is null && operation.RequiredScopes.Count > 0 && ScopeMap.Leaks(present, operation.RequiredScopes.ToList()).Count > 0)
        {
            best = operation.RequiredScopes.ToList();
        }

        return best;
    }

    /// <summary>The JSON schema of the first documented 2xx answer.</summary>
    public static Schema? SuccessSchema(Operation operation) =>
        operation.SuccessResponses.SelectMany(r => r.Content).FirstOrDefault(m => m.IsJson && m.Schema is not null)?.Schema;
}
