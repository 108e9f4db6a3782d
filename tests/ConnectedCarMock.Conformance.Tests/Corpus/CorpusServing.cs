using System.Collections.Concurrent;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer;
using ConnectedCarMock.MockServer.Security;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Tests.Corpus;

/// <summary>What the mock served for one document: every operation with security off, and with each kind of credentials it declares.</summary>
internal sealed class ServingTally
{
    public required string Document { get; init; }

    public int Operations { get; set; }

    /// <summary>Requests sent with security off, answered with a documented 2xx, and whose body the independent validator accepts.</summary>
    public int OffSent { get; set; }

    public int OffSuccess { get; set; }

    public int OffValid { get; set; }

    public int OnSent { get; set; }

    public int OnSuccess { get; set; }

    public int OnValid { get; set; }

    /// <summary>Kinds of credentials sent, with how many requests each.</summary>
    public SortedDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers that were not a documented 2xx, or whose body failed validation, for a reason of the mock's.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();
}

/// <summary>Serves every operation of a document through the mock and judges each answer with <see cref="IndependentValidator"/>.</summary>
internal static class CorpusServing
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ServingTally>>> s_tallies = new(StringComparer.Ordinal);

    public static Task<ServingTally> TallyAsync(string name, ApiDocument document) =>
        s_tallies.GetOrAdd(name, _ => new Lazy<Task<ServingTally>>(() => ServeAsync(name, document))).Value;

    private static async Task<ServingTally> ServeAsync(string name, ApiDocument document)
    {
        var tally = new ServingTally { Document = name, Operations = document.Operations.Count };
        var validator = new IndependentValidator(document);
        var log = new ConcurrentQueue<string>();
        await using var on = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0 }, log.Enqueue);
        await using var off = await ConnectedCarMockServer.StartAsync(document, new MockServerOptions { Port = 0, Security = new SecurityOptions { Enabled = false } }, log.Enqueue);
        var judge = new Judge(validator, tally, log);
        var world = new FleetWorld(document, new WorldOptions { Seed = on.Options.Seed, Size = on.Options.WorldSize });
        var requests = new CorpusRequests(document, world, scopes => on.MintToken(scopes));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Readers first: a DELETE must not remove what a later GET reads.
        foreach (var operation in document.Operations.OrderBy(o => o.Method == "DELETE"))
        {
            if (operation.Method == "DELETE")
            {
                using var reset = await http.PostAsync(off.BaseUrl + "/__mock/reset", null);
            }

            if (judge.UngeneratableBody(requests, operation))
            {
                continue;
            }

            var (offSuccess, offValid) = await judge.SendAsync(http, requests.Build(operation, off.ApiUrl, Credentials.None), operation, requests, "security off");
            tally.OffSent++;
            tally.OffSuccess += offSuccess ? 1 : 0;
            tally.OffValid += offValid ? 1 : 0;
            foreach (var credentials in requests.Alternatives(operation))
            {
                if (operation.Method == "DELETE")
                {
                    // Each way of calling a DELETE gets the item back: the one before deleted it.
                    using var reset = await http.PostAsync(on.BaseUrl + "/__mock/reset", null);
                }

                var (success, valid) = await judge.SendAsync(http, requests.Build(operation, on.ApiUrl, credentials), operation, requests, credentials.Kind);
                tally.OnSent++;
                tally.OnSuccess += success ? 1 : 0;
                tally.OnValid += valid ? 1 : 0;
                tally.Kinds[credentials.Kind] = tally.Kinds.GetValueOrDefault(credentials.Kind) + 1;
            }
        }

        return tally;
    }
}
