using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Fixtures.World;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary><c>connectedcar-mock generate OPERATION_ID</c>: the body the server would answer, for people writing fixtures.</summary>
internal static class GenerateCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var operation = new Argument<string>("operation") { Description = "operationId, e.g. getVehicleByid." };
        var parameters = new Option<string[]>("--param") { Description = "Path or query parameter as name=value (repeatable); path ids default to the world's first item.", AllowMultipleArgumentsPerToken = false };
        var binding = new ServerOptionsBinding();
        var command = new Command("generate", "Print the body the mock answers for an operation.") { operation, parameters };
        binding.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(operation)!, parse.GetValue(parameters) ?? [], binding.Read(parse), output, error));
        return command;
    }

    private static int Run(string operationId, string[] parameters, MockServerOptions options, TextWriter output, TextWriter error)
    {
        ApiDocument document;
        try
        {
            document = options.SpecPath is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(options.SpecPath);
        }
        catch (SpecLoadException ex)
        {
            error.WriteLine(ex.Message);
            return MockCli.UsageError;
        }

        if (document.FindOperation(operationId) is not { } operation)
        {
            error.WriteLine($"connectedcar-mock: no operation '{operationId}' in {document.Source}; see 'connectedcar-mock spec'");
            return MockCli.UsageError;
        }

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"connectedcar-mock: --param '{parameter}' is not name=value");
                return MockCli.UsageError;
            }

            given[parameter[..equals]] = parameter[(equals + 1)..];
        }

        // What the server answers with every scope granted: nothing is filtered out.
        var mock = MockComposition.Create(document, options with { Security = options.Security with { Enabled = false } });
        var request = Request(mock, operation, given, options);
        var response = mock.Endpoints.Api.HandleAsync(request).AsTask().GetAwaiter().GetResult();
        var text = response.Body.Length == 0 ? string.Empty : JsonNode.Parse(response.Body)!.ToJsonString(Indented);
        if (response.Status >= 400)
        {
            error.WriteLine($"{response.Status}: {text}");
            return MockCli.Failure;
        }

        output.WriteLine(text);
        return MockCli.Success;
    }

    private static MockRequest Request(MockComposition pipeline, Operation operation, Dictionary<string, string> given, MockServerOptions options)
    {
        var template = new PathTemplate(operation.Path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in template.Parameters)
        {
            values[name] = given.TryGetValue(name, out var value) ? value : FirstId(pipeline.World, template, name, values) ?? "unknown";
        }

        var query = given.Where(p => !template.Parameters.Contains(p.Key)).Select(p => (p.Key, p.Value)).ToList();
        foreach (var required in operation.Parameters.Where(p => p.Required && p.In == ParameterLocation.Query && !given.ContainsKey(p.Name) && p.Schema is not null))
        {
            // A required filter the user did not give: a valid value, so the command shows a body rather than a 400.
            var value = new PayloadGenerator(pipeline.Document).Generate(required.Schema!, options.Seed);
            var texts = value is JsonArray array ? array.Select(v => v?.ToString() ?? string.Empty) : [value?.ToString() ?? string.Empty];
            query.AddRange(texts.Select(v => (required.Name, v)));
        }

        var rawQuery = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
        var body = operation.RequestBody?.Content.FirstOrDefault(m => m.IsJson) is { Schema: { } schema } media
            ? (media.Name, new PayloadGenerator(pipeline.Document, new GeneratorOptions { ForRequest = true }).Generate(schema, options.Seed)?.ToJsonString() ?? "null")
            : ((string, string)?)null;
        return new MockRequest
        {
            Method = operation.Method,
            Path = pipeline.Document.BasePath + template.Expand(values),
            RawQuery = rawQuery,
            Headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = body is { } b ? [b.Item1] : [],
            },
            Body = body is { } json ? Encoding.UTF8.GetBytes(json.Item2) : [],
            BaseUrl = options.PublicUrl ?? $"http://localhost:{options.Port}",
        };
    }

    private static string? FirstId(FleetWorld world, PathTemplate template, string parameter, Dictionary<string, string> known)
    {
        var owner = world.Model.OwnerOf(template, parameter);
        if (owner is null || owner.List.Parameters.Any(p => !known.ContainsKey(p)))
        {
            return null;
        }

        return world.IdsOf(owner, owner.List.Parameters.ToDictionary(p => p, p => known[p], StringComparer.Ordinal)).FirstOrDefault();
    }
}
