using System.CommandLine;
using System.Text.Json;
using ConnectedCarMock.Pact;
using ConnectedCarMock.Schemas;

namespace ConnectedCarMock.Conformance.Cli;

/// <summary>
/// <c>connectedcar-conformance pact check-spec</c> (a pact against the OpenAPI document) and
/// <c>pact verify</c> (pacts replayed against a provider on the Pact engine, in <see cref="PactVerifyCommand"/>).
/// check-spec exits as <c>run</c>; verify as the official <c>pact verifier</c>.
/// </summary>
internal static class PactCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("pact", "Check consumer pacts against the OpenAPI document, and verify them against a provider.");
        command.Subcommands.Add(CheckSpec(output, error));
        command.Subcommands.Add(PactVerifyCommand.Create(output, error));
        return command;
    }

    private static Command CheckSpec(TextWriter output, TextWriter error)
    {
        var pact = new Option<string>("--pact") { Description = "Pact file (V2, V3 or V4).", Required = true };
        var spec = new Option<string?>("--spec") { Description = "OpenAPI document (default: the embedded Connected Car V2 document)." };
        var messageSpec = new Option<string?>("--message-spec") { Description = "Document of the messages the provider sends (e.g. the companion notification document), for message interactions." };
        var command = new Command("check-spec", "Check every interaction of a pact against the document: paths, methods, parameters, bodies, statuses, media types, and properties the schema does not promise; message interactions against --message-spec.") { pact, spec, messageSpec };
        command.SetAction(parse =>
        {
            if (Load(parse.GetValue(spec), error) is not { } document)
            {
                return ConformanceCli.UsageError;
            }

            ApiDocument? messages = null;
            if (parse.GetValue(messageSpec) is { } messageFile && (messages = Load(messageFile, error)) is null)
            {
                return ConformanceCli.UsageError;
            }

            IReadOnlyList<PactMismatch> mismatches;
            try
            {
                mismatches = PactSpecChecker.CheckFile(parse.GetValue(pact)!, document, messages);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or JsonException)
            {
                error.WriteLine($"connectedcar-conformance: {parse.GetValue(pact)}: {OneLine(ex.Message)}");
                return ConformanceCli.UsageError;
            }

            foreach (var mismatch in mismatches)
            {
                output.WriteLine(mismatch);
            }

            output.WriteLine(mismatches.Count == 0 ? $"{parse.GetValue(pact)}: every interaction matches {document.Source}" : $"{mismatches.Count} mismatch(es) with {document.Source}");
            return mismatches.Count == 0 ? ConformanceCli.Success : ConformanceCli.Failure;
        });
        return command;
    }

    internal static ApiDocument? Load(string? spec, TextWriter error)
    {
        try
        {
            return spec is null ? SpecLoader.LoadEmbedded() : SpecLoader.LoadFile(spec);
        }
        catch (SpecLoadException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
    }

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
