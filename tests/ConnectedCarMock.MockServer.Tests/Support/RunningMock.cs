using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Tests.Support;

/// <summary>A mock started in-process on a free port, with a client and the world it serves.</summary>
internal sealed class RunningMock : IAsyncDisposable
{
    private RunningMock(ConnectedCarMockServer server, List<string> log)
    {
        Server = server;
        Log = log;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Token = server.MintToken(server.Document.AllScopes);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        World = new FleetWorld(server.Document, new WorldOptions { Seed = server.Options.Seed, Size = server.Options.WorldSize });
    }

    public ConnectedCarMockServer Server { get; }

    /// <summary>Sent with every request of <see cref="Http"/>: a token granting every scope of the document.</summary>
    public string Token { get; }

    public HttpClient Http { get; }

    /// <summary>A client that sends only what each request carries (no default token).</summary>
    public HttpClient Anonymous { get; }

    public FleetWorld World { get; }

    public ApiDocument Document => Server.Document;

    /// <summary>What the server logged (errors with their debug ids).</summary>
    public List<string> Log { get; }

    public static async Task<RunningMock> StartAsync(string spec = Specs.Ours, long seed = MockServerOptions.DefaultSeed, int worldSize = 5)
    {
        var log = new List<string>();
        var server = await ConnectedCarMockServer.StartAsync(Specs.ByName(spec), new MockServerOptions { Port = 0, Seed = seed, WorldSize = worldSize, Events = MockServer.Events.DeliveryOptions.Immediate with { WebhookHosts = ["loopback"] } }, line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        });
        return new RunningMock(server, log);
    }

    /// <summary>A valid request for an operation: path ids from the world, required query values and a generated body.</summary>
    public HttpRequestMessage RequestFor(Operation operation, long seed = 1, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var template = new PathTemplate(operation.Path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in template.Parameters)
        {
            if (overrides?.TryGetValue(name, out var given) == true)
            {
                values[name] = given;
                continue;
            }

            var owner = World.Model.OwnerOf(template, name)!;
            var parents = owner.List.Parameters.ToDictionary(p => p, p => values[p], StringComparer.Ordinal);
            values[name] = World.IdsOf(owner, parents)[0];
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.Required && p.In == ParameterLocation.Query && p.Schema is not null))
        {
            var value = new PayloadGenerator(Document).Generate(parameter.Schema!, seed);
            foreach (var text in value is JsonArray array ? array.Select(v => v!.ToString()) : [value!.ToString()])
            {
                query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(text)}");
            }
        }

        var url = Document.BasePath + template.Expand(values) + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.RequestBody?.Content.FirstOrDefault(m => m.IsJson) is { Schema: { } schema } media)
        {
            var body = new PayloadGenerator(Document, new GeneratorOptions { ForRequest = true }).Generate(schema, seed);
            request.Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(media.Name);
        }

        return request;
    }

    public async Task<(int Status, string? ContentType, string Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request, bool anonymous = false)
    {
        var response = await (anonymous ? Anonymous : Http).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
    }
}
