using System.CommandLine;
using System.Text.Json;
using ConnectedCarMock.Fixtures.Generation;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.MockServer.Cli;

/// <summary><c>connectedcar-mock spec [FILE] [--json]</c>: what the loader makes of a document.</summary>
internal static class SpecCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("file") { Description = "OpenAPI document (YAML or JSON); the embedded Connected Car V2 document when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (operations, schemas, scopes, warnings, errors)." };
        var command = new Command("spec", "Summarize an OpenAPI document: operations, schemas, scopes, repairs and errors.") { file, json };
        command.SetAction(parse => Run(parse.GetValue(file), parse.GetValue(json), output, error));
        return command;
    }

    private static int Run(string? file, bool json, TextWriter output, TextWriter error)
    {
        ApiDocument document;
        try
        {
            document = file is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(file);
        }
        catch (SpecLoadException ex)
        {
            error.WriteLine(ex.Message);
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new { source = ex.File, operations = 0, schemas = 0, warnings = Array.Empty<object>(), errors = new[] { new { file = ex.File, location = ex.Location, reason = ex.Reason, message = ex.Message } } },
                    Indented));
            }

            return MockCli.UsageError;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(Summary(document), Indented));
        }
        else
        {
            WriteText(document, output);
        }

        return MockCli.Success;
    }

    private static object Summary(ApiDocument document) => new
    {
        source = document.Source,
        title = document.Title,
        version = document.Version,
        openapi = document.SpecVersion,
        basePath = document.BasePath,
        operations = document.Operations.Count,
        schemas = document.Schemas.Count,
        scopes = document.AllScopes,
        declaredScopes = document.DeclaredScopes.Count,
        warnings = document.Warnings.Select(w => new { code = w.Code, location = w.Location, message = w.Message }),
        errors = Array.Empty<object>(),
        admitsNoValue = SchemaAudit.Unsatisfiable(document).Select(f => new { pointer = f.Pointer, reason = f.Reason }),
        formats = SchemaAudit.MisspelledFormats(document).Select(f => new { pointer = f.Pointer, reason = f.Reason }),
        operationList = document.Operations.Select(o => new
        {
            id = o.Id,
            method = o.Method,
            path = o.Path,
            responses = o.Responses.Select(r => r.Status),
            requiredScopes = o.RequiredScopes,
            optionalScopes = o.OptionalScopes,
        }),
    };

    private static void WriteText(ApiDocument document, TextWriter output)
    {
        output.WriteLine($"{document.Title} {document.Version} ({document.Source}, OpenAPI {document.SpecVersion})");
        output.WriteLine($"base path   {(document.BasePath.Length == 0 ? "/" : document.BasePath)}");
        output.WriteLine($"operations  {document.Operations.Count}");
        output.WriteLine($"schemas     {document.Schemas.Count}");
        output.WriteLine($"scopes      {document.AllScopes.Count} ({document.DeclaredScopes.Count} declared)");
        output.WriteLine($"warnings    {document.Warnings.Count}");
        output.WriteLine("errors      0");
        foreach (var group in document.Warnings.GroupBy(w => w.Code))
        {
            output.WriteLine($"  {group.Key,-24} x{group.Count(),-4} first at {group.First().Location}: {group.First().Message}");
        }

        // Body schemas the generator finds no value for are answered with an error, never an invalid body.
        var unsatisfiable = SchemaAudit.Unsatisfiable(document);
        output.WriteLine($"admits no value {unsatisfiable.Count}");
        foreach (var finding in unsatisfiable)
        {
            output.WriteLine($"  {finding.Pointer}: {finding.Reason}");
        }

        foreach (var format in SchemaAudit.MisspelledFormats(document))
        {
            output.WriteLine($"  warning {format.Pointer}: {format.Reason}");
        }

        output.WriteLine();
        var width = document.Operations.Max(o => o.Path.Length);
        foreach (var operation in document.Operations)
        {
            var scopes = operation.RequiredScopes.Count > 0 ? string.Join(' ', operation.RequiredScopes) : "-";
            var optional = operation.OptionalScopes.Count > 0 ? $" (+{operation.OptionalScopes.Count} optional)" : string.Empty;
            var statuses = string.Join(',', operation.Responses.Select(r => r.Status));
            output.WriteLine($"  {operation.Method,-6} {operation.Path.PadRight(width)}  {operation.Id}  [{statuses}]  {scopes}{optional}");
        }
    }
}
