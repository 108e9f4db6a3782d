using System.CommandLine;

var root = new RootCommand("ConnectedCarMock conformance runner: checks an implementation of the Connected Car V2 API against its OpenAPI document.");
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"connectedcar-conformance: {error.Message}");
    }

    return 2;
}

return await parse.InvokeAsync();
