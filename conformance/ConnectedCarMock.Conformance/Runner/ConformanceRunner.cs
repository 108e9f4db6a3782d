using System.Collections.Concurrent;
using System.Diagnostics;
using ConnectedCarMock.Conformance.Checks;
using ConnectedCarMock.Conformance.Runner;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance;

/// <summary>
/// Checks an implementation of the API against its OpenAPI document: every check of
/// <see cref="CheckCatalog"/> on every operation where it applies. Operations run in parallel
/// (<see cref="ConformanceOptions.Parallelism"/>); the checks of one operation run in catalogue
/// order, the error-model check last since it also reads what the others received.
/// </summary>
public static class ConformanceRunner
{
    /// <exception cref="ConformanceSetupException">Bad options, a document that does not load, or a target or token endpoint out of reach.</exception>
    public static async Task<ConformanceReport> RunAsync(ConformanceOptions options, IProgress<ConformanceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var document = Load(options);
        var target = Target(options.Target);
        var checks = CheckCatalog.Select(options.Checks, options.SkipChecks).OrderBy(c => c.RunsLast).ToList();
        var catalogueOrder = checks.ToDictionary(c => c, c => CheckCatalog.Instances.ToList().IndexOf(c));
        var operations = Operations(document, options.Operations);
        if (options.TokenUrl is null && options.TokensFile is null && options.Tokens is null && options.BasicCredentials is null && options.ApiKeys.Count == 0
            && document.Operations.Any(o => o.Security.Count > 0 && !o.Security.Any(r => r.IsAnonymous)))
        {
            throw new ConformanceSetupException("the document asks for credentials: give a token URL (--token-url), a tokens file (--tokens), --basic USER:PASSWORD or --api-key NAME=KEY");
        }

        if (options.Parallelism < 1)
        {
            throw new ConformanceSetupException($"parallelism must be at least 1, not {options.Parallelism}");
        }

        using var session = new RunSession(document, options, target);
        await ProbeAsync(session, cancellationToken);

        var total = operations.Count * checks.Count;
        var completed = 0;
        var results = new ConcurrentDictionary<(int Operation, int Check), CaseResult>();
        progress?.Report(new ConformanceProgress(0, total, null));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };

        // Readers first, then writers, deletes last: a list read while another operation deletes what it lists
        // would show links to items that are gone by the time they are followed, and a DELETE of a discovered item
        // (where the run cannot create its own) would take it from the writers that use it too.
        var indexes = Enumerable.Range(0, operations.Count).ToList();
        // Deletes of nested items run before those of the items they belong to (a port before its peer).
        var phases = new[]
        {
            indexes.Where(i => operations[i].Method is "GET" or "HEAD"),
            indexes.Where(i => operations[i].Method is not ("GET" or "HEAD" or "DELETE")),
        }.Concat(indexes.Where(i => operations[i].Method == "DELETE")
            .GroupBy(i => operations[i].Path.Count(c => c == '/')).OrderByDescending(g => g.Key).Select(g => g.AsEnumerable()));
        foreach (var phase in phases)
        {
            await Parallel.ForEachAsync(phase, parallel, async (index, ct) =>
            {
                var context = new OperationContext(session, operations[index]);
                foreach (var check in checks)
                {
                    var result = await RunCaseAsync(context, check, ct);
                    results[(index, catalogueOrder[check])] = result;
                    progress?.Report(new ConformanceProgress(Interlocked.Increment(ref completed), total, result));
                }
            });
        }

        await session.CleanUpAsync(cancellationToken);
        return new ConformanceReport
        {
            Target = target,
            SpecSource = document.Source,
            SpecTitle = document.Title,
            SpecVersion = document.Version,
            StartedAt = started,
            Duration = clock.Elapsed,
            Cases = results.OrderBy(r => r.Key.Operation).ThenBy(r => r.Key.Check).Select(r => r.Value).ToList(),
            AllowSkips = options.AllowSkips,
        };
    }

    private static async Task<CaseResult> RunCaseAsync(OperationContext operation, Check check, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var context = new CaseContext(operation, cancellationToken);
        CaseOutcome outcome;
        string message;
        var notRun = false;
        try
        {
            if (check.NotApplicable(operation) is { } reason)
            {
                return Result(operation, check, CaseOutcome.Skipped, reason, context, clock.Elapsed);
            }

            await check.RunAsync(context);
            (outcome, message) = context.Failures.Count switch
            {
                0 => (CaseOutcome.Passed, string.Join("; ", context.Notes)),
                1 => (CaseOutcome.Failed, context.Failures[0]),
                var n => (CaseOutcome.Failed, $"{context.Failures[0]} (and {n - 1} more)"),
            };
        }
        catch (CaseSkippedException ex)
        {
            (outcome, message) = (CaseOutcome.Skipped, ex.Message);
        }
        catch (CaseNotRunException ex)
        {
            (outcome, message, notRun) = (CaseOutcome.Skipped, ex.Message, true);
        }
        catch (DiscoveryException ex)
        {
            // An empty list is no verdict on the operation (say which, and how to give an id); a list that fails is.
            (outcome, message, notRun) = (ex.IsSkip ? CaseOutcome.Skipped : CaseOutcome.Error, ex.Message, ex.IsSkip);
        }
        catch (TokenUnavailableException ex)
        {
            // A tokens file without the scope set this case needs says nothing about the target.
            (outcome, message, notRun) = (ex.IsSkip ? CaseOutcome.Skipped : CaseOutcome.Error, ex.Message, ex.IsSkip);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            (outcome, message) = (CaseOutcome.Error, ConformanceSetupException.OneLine(ex.Message));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("admits no value", StringComparison.Ordinal))
        {
            // No valid request can be made from the document (a schema no value satisfies): the case cannot run.
            (outcome, message, notRun) = (CaseOutcome.Skipped, ConformanceSetupException.OneLine("no valid request body can be generated: " + ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A check that trips over an answer it did not foresee is an error of that case, never of the run.
            (outcome, message) = (CaseOutcome.Error, ConformanceSetupException.OneLine($"{ex.GetType().Name}: {ex.Message}"));
        }

        return Result(operation, check, outcome, message, context, clock.Elapsed) with { CouldNotRun = notRun };
    }

    private static CaseResult Result(OperationContext operation, Check check, CaseOutcome outcome, string message, CaseContext context, TimeSpan duration) => new()
    {
        OperationId = operation.Operation.Id,
        Method = operation.Operation.Method,
        Path = operation.Operation.Path,
        Tags = operation.Operation.Tags,
        CheckId = check.Id,
        Outcome = outcome,
        Message = message,
        Failures = context.Failures.ToList(),
        Exchanges = context.Exchanges,
        Duration = duration,
    };

    private static ApiDocument Load(ConformanceOptions options)
    {
        if (options.Document is not null)
        {
            return options.Document;
        }

        try
        {
            return options.SpecPath is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(options.SpecPath);
        }
        catch (SpecLoadException ex)
        {
            throw new ConformanceSetupException(ex.Message, ex);
        }
    }

    private static string Target(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ConformanceSetupException($"the target '{target}' is not an http(s) URL");
        }

        return target.TrimEnd('/');
    }

    private static List<Operation> Operations(ApiDocument document, IReadOnlyList<string> only)
    {
        var unknown = only.FirstOrDefault(id => document.FindOperation(id) is null);
        if (unknown is not null)
        {
            throw new ConformanceSetupException($"operation '{unknown}' is not in {document.Source}");
        }

        return document.Operations.Where(o => only.Count == 0 || only.Contains(o.Id)).ToList();
    }

    /// <summary>A token with every scope and one answer from the target, before any case: what cannot be reached ends the run (exit 2).</summary>
    private static async Task ProbeAsync(RunSession session, CancellationToken cancellationToken)
    {
        try
        {
            if (session.Access.AnyToken && session.Options.TokenUrl is not null)
            {
                await session.Tokens.EveryScopeAsync(cancellationToken);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new ConformanceSetupException($"cannot reach the token endpoint {session.Options.TokenUrl}: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ConformanceSetupException($"the token endpoint {session.Options.TokenUrl} did not answer: {ex.Message}", ex);
        }
        catch (TokenUnavailableException ex) when (!ex.IsSkip)
        {
            throw new ConformanceSetupException($"no token with every scope from {session.Tokens.Origin}: {ex.Message}", ex);
        }
        catch (TokenUnavailableException)
        {
            // A tokens file without an every-scope entry: the cases that need one say so.
        }

        try
        {
            await session.Http.SendAsync(new ApiRequest { Method = "GET", Path = string.Empty }, "probe", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new ConformanceSetupException($"cannot connect to {session.Target}: {ex.Message}", ex);
        }
    }
}
